import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store, StoreClock, WakeJob } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const T1 = new Date('2030-01-01T00:05:00.000Z');
const T2 = new Date('2030-01-01T00:10:00.000Z');
const repo = 'acme/infra';
const wake = (pr: number, headSha = `sha-${pr}`): WakeJob => ({
  kind: 'evaluate',
  payload: { pr, headSha },
  concurrencyKey: `pr:${repo}#${pr}`,
  retryPolicy: 'retry',
});
const want = (pr: number, stack: string, now = T0, job: WakeJob | null = wake(pr)) => ({
  repo,
  stack,
  pr,
  headSha: `sha-${pr}`,
  owner: `author-${pr}`,
  now,
  ...(job && { wakeJob: job }),
});

describe.each(ENGINES)('store (%s) › lock waiters', (engine) => {
  let harness: EngineHarness;
  let store: Store;
  const clock: StoreClock = { now: () => T2 };

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open({ clock });
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  const queuedEvaluations = async () =>
    (await store.listJobs({ status: 'queued', kind: 'evaluate' })).reverse().map((job) => job.payload);

  it('a refused PR › is recorded as waiting on the holder; a second refusal keeps its place and takes the newer job', async () => {
    await store.acquireLock(want(1, 'identity'));
    expect((await store.acquireLock(want(4, 'identity', T0))).acquired).toBe(false);
    await store.acquireLock(want(4, 'identity', T1, wake(4, 'sha-4b')));
    expect(await store.listLockWaiters({ repo })).toEqual([
      { repo, stack: 'identity', pr: 4, waitingOn: 1, job: wake(4, 'sha-4b'), waitingSince: T0 },
    ]);
  });

  it('a refusal without a wake job records nothing; the holder itself is never a waiter', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(2, 'identity', T0, null));
    await store.acquireLock(want(1, 'identity', T1));
    expect(await store.listLockWaiters()).toEqual([]);
  });

  it('the release › queues one evaluation per waiting PR, oldest waiter first, and forgets those waits', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(1, 'ec2-a'));
    await store.acquireLock(want(7, 'identity', T1));
    await store.acquireLock(want(4, 'identity', T0));
    await store.acquireLock(want(4, 'ec2-a', T1));
    await store.releaseLocks({ repo, pr: 1 });
    expect(await queuedEvaluations()).toEqual([
      { pr: 4, headSha: 'sha-4' },
      { pr: 7, headSha: 'sha-7' },
    ]);
    const jobs = await store.listJobs({ status: 'queued' });
    expect(jobs.every((job) => job.createdAt.getTime() === T2.getTime())).toBe(true);
    expect(await store.listLockWaiters()).toEqual([]);
    // The first one re-takes the lock: no longer waiting; the second is refused again and waits on #4.
    expect((await store.acquireLock(want(4, 'identity', T2))).acquired).toBe(true);
    expect((await store.acquireLock(want(7, 'identity', T2))).acquired).toBe(false);
    expect((await store.listLockWaiters()).map((w) => [w.pr, w.waitingOn])).toEqual([[7, 4]]);
  });

  it('releasing some stacks › wakes only the waiters of those stacks', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(1, 'ec2-a'));
    await store.acquireLock(want(4, 'identity'));
    await store.acquireLock(want(5, 'ec2-a'));
    await store.releaseLocks({ repo, pr: 1, stacks: ['ec2-a'] });
    expect(await queuedEvaluations()).toEqual([{ pr: 5, headSha: 'sha-5' }]);
    expect((await store.listLockWaiters()).map((w) => w.pr)).toEqual([4]);
  });

  it('a waiter with an evaluation already queued (a newer push) › gets no second one', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(4, 'identity'));
    await store.enqueue({ ...wake(4, 'sha-newer'), supersede: true });
    await store.releaseLocks({ repo, pr: 1 });
    expect(await queuedEvaluations()).toEqual([{ pr: 4, headSha: 'sha-newer' }]);
  });

  it('releasing nothing › queues nothing; waits of other repositories are untouched', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(4, 'identity'));
    await store.acquireLock({ ...want(1, 'identity'), repo: 'acme/other' });
    await store.acquireLock({ ...want(4, 'identity'), repo: 'acme/other' });
    await store.releaseLocks({ repo, pr: 9 });
    await store.releaseLocks({ repo: 'acme/other', pr: 1 });
    expect(await queuedEvaluations()).toEqual([{ pr: 4, headSha: 'sha-4' }]);
    expect((await store.listLockWaiters()).map((w) => w.repo)).toEqual([repo]);
  });

  it('forgetLockWaits › drops a closed PR (all stacks, or the named ones); its release then wakes nobody', async () => {
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(1, 'ec2-a'));
    await store.acquireLock(want(4, 'identity'));
    await store.acquireLock(want(4, 'ec2-a'));
    expect(await store.forgetLockWaits({ repo, pr: 4, stacks: ['ec2-a'] })).toBe(1);
    expect(await store.forgetLockWaits({ repo, pr: 4, stacks: [] })).toBe(0);
    expect((await store.listLockWaiters({ pr: 4 })).map((w) => w.stack)).toEqual(['identity']);
    expect(await store.forgetLockWaits({ repo, pr: 4 })).toBe(1);
    await store.releaseLocks({ repo, pr: 1 });
    expect(await queuedEvaluations()).toEqual([]);
  });

  it('two releases at once, from two processes › the PR waiting on both gets one evaluation', async () => {
    const replica = await harness.open({ clock });
    await store.acquireLock(want(1, 'identity'));
    await store.acquireLock(want(2, 'ec2-a'));
    await store.acquireLock(want(4, 'identity'));
    await store.acquireLock(want(4, 'ec2-a'));
    await Promise.all([store.releaseLocks({ repo, pr: 1 }), replica.releaseLocks({ repo, pr: 2 })]);
    expect(await queuedEvaluations()).toEqual([{ pr: 4, headSha: 'sha-4' }]);
  });

  it('a release racing refusals from another process › every refused PR is either woken or holds the lock', async () => {
    const replica = await harness.open({ clock });
    for (let round = 0; round < 5; round += 1) {
      await harness.reset();
      await store.acquireLock(want(1, 'identity'));
      const racers = [2, 3, 4, 5].map((pr) => replica.acquireLock(want(pr, 'identity')));
      const [results] = await Promise.all([Promise.all(racers), store.releaseLocks({ repo, pr: 1 })]);
      const queued = new Set((await queuedEvaluations()).map((payload) => (payload as { pr: number }).pr));
      const waiting = new Set((await store.listLockWaiters()).map((w) => w.pr));
      const holder = (await store.getLock(repo, 'identity'))?.pr;
      results.forEach((result, index) => {
        const pr = index + 2;
        if (result.acquired) expect(holder).toBe(pr);
        // Refused by #1: woken by its release; refused by the new holder: still waiting on it.
        else expect(queued.has(pr) || waiting.has(pr)).toBe(true);
      });
    }
  });
});
