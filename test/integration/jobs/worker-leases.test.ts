import { describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import { LeaseLostError } from '../../../src/jobs/errors.js';
import type { JobContext } from '../../../src/jobs/job-runner.js';
import type { Job } from '../../../src/store/store.js';
import { gate, waitFor } from './support/helpers.js';
import { T0, useWorkerFixture } from './support/worker-fixture.js';

describe('worker', () => {
  const f = useWorkerFixture();

  describe('leases', () => {
    it('renews the lease while the handler runs', async () => {
      const release = gate();
      f.worker({ plan: () => release.promise }, { leaseMs: 1000, heartbeatEveryMs: 10 });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the job to start');
      f.clock.advance(5000);
      await waitFor(
        async () => (await f.store.getJob(job.id))?.leaseUntil?.getTime() === T0.getTime() + 6000,
        'the lease to be renewed',
      );
      expect(await f.store.recoverExpiredLeases(f.clock.now())).toEqual({ requeued: [], interrupted: [] });
      release.open();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish');
    });

    it('lease lost › aborts the handler and leaves the job to its new holder', async () => {
      let reason: unknown;
      f.worker(
        {
          plan: (_job, ctx: JobContext) =>
            new Promise((_resolve, reject) =>
              ctx.signal.addEventListener('abort', () => {
                reason = ctx.signal.reason;
                reject(ctx.signal.reason as Error);
              }),
            ),
        },
        { leaseMs: 1000, heartbeatEveryMs: 10 },
      );
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the job to start');
      // Another replica, whose clock is far ahead, decides the lease expired and requeues the job.
      const later = new Date(T0.getTime() + 3_600_000);
      expect((await f.store.recoverExpiredLeases(later)).requeued).toHaveLength(1);
      await waitFor(() => reason !== undefined, 'the abort');
      expect(reason).toBeInstanceOf(LeaseLostError);
      await f.settle();
      expect(await f.store.getJob(job.id)).toMatchObject({ status: 'queued', runAt: later });
    });
    it('renews its own running jobs before recovering, so it never interrupts its own live job', async () => {
      let aborted = false;
      const release = gate();
      f.worker(
        {
          apply: (_job, ctx: JobContext) => {
            ctx.signal.addEventListener('abort', () => (aborted = true));
            return release.promise;
          },
        },
        { leaseMs: 1000, heartbeatEveryMs: 60_000, recoverEveryMs: 10 },
      );
      const job = await f.enqueue({ kind: 'apply', retryPolicy: 'never' });
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the apply to start');
      f.clock.advance(5000);
      await waitFor(
        async () => (await f.store.getJob(job.id))?.leaseUntil?.getTime() === T0.getTime() + 6000,
        'the lease to be renewed by the recovery pass',
      );
      expect(await f.statusOf(job)).toBe('running');
      expect(aborted).toBe(false);
      release.open();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the apply to finish');
    });

    it('its own expired job claimed again › the old run is aborted and records nothing', async () => {
      const reasons: unknown[] = [];
      let runs = 0;
      f.worker(
        {
          plan: (_job, ctx: JobContext) => {
            runs += 1;
            if (runs > 1) return Promise.resolve('second run');
            // The first run stalls (its heartbeats never come), then finishes after it was aborted.
            return new Promise((resolve) =>
              ctx.signal.addEventListener('abort', () => {
                reasons.push(ctx.signal.reason);
                resolve('stale first run');
              }),
            );
          },
        },
        // Renewals fail (say, a flaky connection) while recovery and claims get through.
        { store: f.failing({ heartbeat: 1000 }), leaseMs: 1000, heartbeatEveryMs: 60_000, recoverEveryMs: 10 },
      );
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the job to start');
      f.clock.advance(1001);
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the second run to finish');
      expect(await f.store.getJob(job.id)).toMatchObject({ attempts: 2, result: 'second run' });
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toBeInstanceOf(LeaseLostError);
    });
  });

  describe('crash', () => {
    it('a worker dropped mid-job › a second worker with a later clock recovers and reruns the retryable job', async () => {
      // From the crash on, every call of the first worker fails, as if its process were gone.
      const crashed = { value: false };
      const dying = f.failing({}, crashed);
      const first = f.worker(
        { plan: () => new Promise(() => undefined) },
        { store: dying, leaseMs: 1000, heartbeatEveryMs: 10 },
      );
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the job to start');
      crashed.value = true;
      expect(first.running).toBe(1);

      const laterClock = createTestClock(new Date(T0.getTime() + 1001));
      const reran = gate<Job>();
      f.worker({ plan: async (j) => reran.open(j) }, { clock: laterClock, workerId: 'w2' });
      const rerun = await reran.promise;
      expect(rerun).toMatchObject({ id: job.id, attempts: 2, workerId: 'w2' });
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the rerun to finish');
    });

    it('a worker dropped mid-apply › the never-retry job is reported as interrupted, not rerun', async () => {
      // No heartbeat before the lease runs out: the worker is as good as dead.
      f.worker({ apply: () => new Promise(() => undefined) }, { leaseMs: 1000, heartbeatEveryMs: 60_000 });
      const job = await f.enqueue({ kind: 'apply', retryPolicy: 'never' });
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the apply to start');

      const interrupted: Job[] = [];
      let reruns = 0;
      f.worker(
        { apply: async () => void (reruns += 1) },
        {
          clock: createTestClock(new Date(T0.getTime() + 1001)),
          workerId: 'w2',
          onJobInterrupted: (j) => void interrupted.push(j),
        },
      );
      await waitFor(() => interrupted.length === 1, 'the interruption report');
      expect(interrupted[0]).toMatchObject({ id: job.id, status: 'interrupted', workerId: 'w1' });
      expect(interrupted[0]?.lastError).toMatch(/^interrupted: the worker stopped while it ran \(lease expired at /);
      await f.settle();
      expect(reruns).toBe(0);
    });
  });
});
