import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { defaultRepoConfig } from '../../../src/config/repo-config-schema.js';
import { approvalState, decideClick, type ClickFacts } from '../../../src/approval/approval-rules.js';
import { encodeApprovalValue } from '../../../src/approval/approval-value.js';
import type { Store } from '../../../src/store/store.js';
import { createHarness, ENGINES, type EngineHarness } from '../store/engines.js';

// The click path the workflow runs in its job, against the real store: check the click, record it, add up.
const HEAD = 'a'.repeat(40);
const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: HEAD, planIds: ['p1'] });
const config = { ...defaultRepoConfig().approvals, approvers: ['U0ALICE', 'U0CAROL'], required: 1 };

async function click(store: Store, slackUserId: string, action: 'approve' | 'reject') {
  const facts: ClickFacts = {
    click: { slackUserId, teamId: 'T0ACME', action, value },
    expectedTeamId: 'T0ACME',
    config,
    isInApproverGroup: undefined,
    prAuthor: { login: 'bruce' },
    clickerGithubLogin: slackUserId.toLowerCase(),
    currentHeadSha: HEAD,
    planIdsCurrent: ['p1'],
  };
  const verdict = decideClick(facts);
  if (!verdict.allowed) throw new Error(`click refused: ${verdict.reason}`);
  return store.recordDecision({
    repo: 'acme/infra',
    pr: 42,
    headSha: HEAD,
    planIds: ['p1'],
    decision: verdict.decision,
    approver: { slackId: slackUserId, name: slackUserId },
    decidedAt: new Date(),
    source: 'slack',
  });
}

const state = async (store: Store) =>
  approvalState(await store.listDecisions({ repo: 'acme/infra', pr: 42, headSha: HEAD }), config.required);

describe.each(ENGINES)('approval decisions on the store (%s)', (engine) => {
  let harness: EngineHarness;
  let store: Store;
  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('the same valid click replayed › one decision', async () => {
    const first = await click(store, 'U0ALICE', 'approve');
    const replay = await click(store, 'U0ALICE', 'approve');
    expect([first.recorded, replay.recorded]).toEqual([true, false]);
    expect(await store.listDecisions({ repo: 'acme/infra', pr: 42, headSha: HEAD })).toHaveLength(1);
    expect((await state(store)).state).toBe('approved');
  });

  it('Approve and Reject at once by one approver › exactly one is recorded and it is the outcome', async () => {
    const results = await Promise.all([click(store, 'U0ALICE', 'approve'), click(store, 'U0ALICE', 'reject')]);
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    const winner = results.find((r) => r.recorded)!.decision.decision;
    expect(results.every((r) => r.decision.decision === winner)).toBe(true);
    expect((await state(store)).state).toBe(winner);
  });

  it('Approve and Reject at once by two approvers › both recorded, the outcome is rejected', async () => {
    await Promise.all([click(store, 'U0ALICE', 'approve'), click(store, 'U0CAROL', 'reject')]);
    expect(await state(store)).toMatchObject({ state: 'rejected', rejectedBy: { slackId: 'U0CAROL' } });
  });

  it('a new push › earlier decisions go stale and no longer count', async () => {
    await click(store, 'U0ALICE', 'approve');
    await store.markDecisionsStale({ repo: 'acme/infra', pr: 42, exceptHeadSha: 'b'.repeat(40) });
    expect((await state(store)).state).toBe('pending');
  });
});
