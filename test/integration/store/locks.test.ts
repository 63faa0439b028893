import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const T1 = new Date('2030-01-01T00:05:00.000Z');
const repo = 'acme/infra';
const want = (pr: number, stack: string, headSha = `sha-${pr}`, now = T0) => ({
  repo,
  stack,
  pr,
  headSha,
  owner: `author-${pr}`,
  now,
});

describe.each(ENGINES)('store (%s) › stack locks', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('first PR › acquires the free stack', async () => {
    const result = await store.acquireLock(want(1, 'ec2-a'));
    expect(result).toEqual({
      acquired: true,
      lock: { repo, stack: 'ec2-a', pr: 1, headSha: 'sha-1', owner: 'author-1', acquiredAt: T0, updatedAt: T0 },
    });
    expect(await store.getLock(repo, 'ec2-a')).toEqual(result.acquired && result.lock);
  });

  it('second PR › gets locked-by the first, which keeps the lock unchanged', async () => {
    await store.acquireLock(want(1, 'ec2-a'));
    const second = await store.acquireLock(want(2, 'ec2-a', 'sha-2', T1));
    expect(second).toMatchObject({ acquired: false, holder: { pr: 1, headSha: 'sha-1', updatedAt: T0 } });
    expect((await store.getLock(repo, 'ec2-a'))?.pr).toBe(1);
  });

  it('same PR › re-acquires with its new head SHA', async () => {
    await store.acquireLock(want(1, 'ec2-a'));
    const again = await store.acquireLock(want(1, 'ec2-a', 'sha-new', T1));
    expect(again).toMatchObject({ acquired: true, lock: { headSha: 'sha-new', acquiredAt: T0, updatedAt: T1 } });
  });

  it('locks are per repository and per stack', async () => {
    expect((await store.acquireLock(want(1, 'ec2-a'))).acquired).toBe(true);
    expect((await store.acquireLock(want(2, 'ec2-b'))).acquired).toBe(true);
    expect((await store.acquireLock({ ...want(2, 'ec2-a'), repo: 'acme/other' })).acquired).toBe(true);
  });

  it('releases the locks of a PR (all, or the named stacks) and frees them for others', async () => {
    await store.acquireLock(want(1, 'ec2-a'));
    await store.acquireLock(want(1, 'ec2-b'));
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(2, 's3-logs'));
    expect((await store.releaseLocks({ repo, pr: 1, stacks: ['ec2-b'] })).map((l) => l.stack)).toEqual(['ec2-b']);
    expect(await store.releaseLocks({ repo, pr: 1, stacks: [] })).toEqual([]);
    expect((await store.listLocks({ repo, pr: 1 })).map((l) => l.stack)).toEqual(['ec2-a', 'identity']);
    expect((await store.releaseLocks({ repo, pr: 1 })).map((l) => l.stack)).toEqual(['ec2-a', 'identity']);
    expect((await store.listLocks()).map((l) => [l.pr, l.stack])).toEqual([[2, 's3-logs']]);
    expect((await store.acquireLock(want(3, 'ec2-a'))).acquired).toBe(true);
  });

  it('parallel acquires of one stack › exactly one winner, everyone else sees that winner', async () => {
    const replica = await harness.open();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? replica : store).acquireLock(want(100 + i, 'identity'))),
    );
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.acquired ? winners[0]!.lock.pr : -1;
    for (const result of results) {
      if (!result.acquired) expect(result.holder.pr).toBe(winner);
    }
    expect((await store.getLock(repo, 'identity'))?.pr).toBe(winner);
  });
});
