import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import type { RecordDecisionInput, Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const repo = 'acme/infra';
const alice = { slackId: 'U0ALICE', email: 'alice@acme.test', name: 'Alice' };
const decide = (over: Partial<RecordDecisionInput> = {}): RecordDecisionInput => ({
  repo,
  pr: 9,
  headSha: 'aaa',
  planIds: ['p1', 'p2'],
  decision: 'approved',
  approver: alice,
  decidedAt: T0,
  source: 'slack',
  ...over,
});

describe.each(ENGINES)('store (%s) › approvals', (engine) => {
  const clock = createTestClock(T0);
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open({ clock });
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('records a decision with its plans and approver', async () => {
    const result = await store.recordDecision(decide());
    expect(result.recorded).toBe(true);
    expect(result.decision).toMatchObject({
      repo,
      pr: 9,
      headSha: 'aaa',
      planIds: ['p1', 'p2'],
      decision: 'approved',
      approver: alice,
      decidedAt: T0,
      source: 'slack',
      stale: false,
    });
    expect(await store.listDecisions({ repo, pr: 9, headSha: 'aaa' })).toEqual([result.decision]);
  });

  it('replayed click › keeps the first decision and records nothing', async () => {
    await store.recordDecision(decide());
    const replay = await store.recordDecision(decide({ decision: 'rejected', decidedAt: new Date(T0.getTime() + 1) }));
    expect(replay).toMatchObject({ recorded: false, decision: { decision: 'approved', decidedAt: T0 } });
    expect(await store.listDecisions({ repo, pr: 9, headSha: 'aaa' })).toHaveLength(1);
  });

  it('a burst of the same click › exactly one record', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordDecision(decide())));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await store.listDecisions({ repo, pr: 9, headSha: 'aaa' })).toHaveLength(1);
  });

  it('dedupes by GitHub login (case-insensitively) when there is no Slack id, and per head SHA', async () => {
    const bob = { githubLogin: 'Bob', name: 'Bob' };
    expect((await store.recordDecision(decide({ approver: bob }))).recorded).toBe(true);
    expect((await store.recordDecision(decide({ approver: { ...bob, githubLogin: 'bob' } }))).recorded).toBe(false);
    expect((await store.recordDecision(decide({ approver: bob, headSha: 'bbb' }))).recorded).toBe(true);
    expect((await store.recordDecision(decide({ approver: alice }))).recorded).toBe(true);
    expect(await store.listDecisions({ repo, pr: 9, headSha: 'aaa' })).toHaveLength(2);
  });

  it('refuses an approver with neither a Slack id nor a GitHub login', async () => {
    await expect(store.recordDecision(decide({ approver: { name: 'Nobody' } }))).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('marks the decisions of older head SHAs stale', async () => {
    await store.recordDecision(decide({ headSha: 'aaa' }));
    await store.recordDecision(decide({ headSha: 'bbb' }));
    expect(await store.markDecisionsStale({ repo, pr: 9, exceptHeadSha: 'bbb' })).toBe(1);
    expect((await store.listDecisions({ repo, pr: 9, headSha: 'aaa' }))[0]?.stale).toBe(true);
    expect((await store.listDecisions({ repo, pr: 9, headSha: 'bbb' }))[0]?.stale).toBe(false);
  });

  it('keeps the approval message per head SHA and finds the newest for the PR', async () => {
    await store.saveApprovalMessage({ repo, pr: 9, headSha: 'aaa', channel: 'C1', ts: '1.000' });
    clock.advance(1000);
    await store.saveApprovalMessage({ repo, pr: 9, headSha: 'bbb', channel: 'C1', ts: '2.000' });
    await store.saveApprovalMessage({ repo, pr: 9, headSha: 'aaa', channel: 'C2', ts: '1.500' });
    expect(await store.getApprovalMessage({ repo, pr: 9, headSha: 'aaa' })).toMatchObject({
      channel: 'C2',
      ts: '1.500',
    });
    expect(await store.getApprovalMessage({ repo, pr: 9 })).toMatchObject({ headSha: 'bbb', ts: '2.000' });
    expect(await store.getApprovalMessage({ repo, pr: 10 })).toBeUndefined();
  });
});
