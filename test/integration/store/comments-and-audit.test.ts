import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const repo = 'acme/infra';

describe.each(ENGINES)('store (%s) › comment ids, audit, readiness', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('keeps the comment ids of a purpose per issue, replacing them when saved again', async () => {
    expect(await store.getCommentIds({ repo, issue: 4, purpose: 'plan' })).toBeUndefined();
    await store.saveCommentIds({ repo, issue: 4, purpose: 'plan', ids: [2_100_000_001, 2_100_000_002] });
    await store.saveCommentIds({ repo, issue: 4, purpose: 'status', ids: [7] });
    expect(await store.getCommentIds({ repo, issue: 4, purpose: 'plan' })).toEqual([2_100_000_001, 2_100_000_002]);
    await store.saveCommentIds({ repo, issue: 4, purpose: 'plan', ids: [9_007_199_254_740_991] });
    expect(await store.getCommentIds({ repo, issue: 4, purpose: 'plan' })).toEqual([9_007_199_254_740_991]);
    expect(await store.getCommentIds({ repo, issue: 5, purpose: 'plan' })).toBeUndefined();
  });

  it('appends audit entries and lists them newest first, filtered', async () => {
    await store.audit({ at: T0, actor: 'alice', action: 'approve', repo, pr: 3, sha: 'aaa', outcome: 'ok' });
    await store.audit({
      at: T0,
      actor: 'infra-bot',
      action: 'apply',
      repo,
      pr: 3,
      stack: 'ec2-a',
      sha: 'aaa',
      outcome: 'failed',
      detail: { exitCode: 1, stacks: ['ec2-a'] },
    });
    await store.audit({ at: T0, actor: 'bob', action: 'approve', repo: 'acme/other', pr: 3, outcome: 'ok' });
    const all = await store.listAudit();
    expect(all.map((e) => e.actor)).toEqual(['bob', 'infra-bot', 'alice']);
    expect(all[1]).toMatchObject({ stack: 'ec2-a', outcome: 'failed', detail: { exitCode: 1, stacks: ['ec2-a'] } });
    expect(all[2]?.detail).toBeUndefined();
    expect((await store.listAudit({ repo, pr: 3, action: 'approve' })).map((e) => e.actor)).toEqual(['alice']);
    expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
  });

  it('answers the readiness ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(store.engine).toBe(engine);
  });
});
