import { describe, expect, it } from '@jest/globals';
import { WorkerStoppingError } from '../../../src/jobs/errors.js';
import type { JobHandler } from '../../../src/jobs/job-runner.js';
import type { Job } from '../../../src/store/store.js';
import { gate, waitFor } from './support/helpers.js';
import { T0, useWorkerFixture } from './support/worker-fixture.js';

describe('worker', () => {
  const f = useWorkerFixture();

  describe('stop', () => {
    it('stops claiming and waits for running jobs within the grace period', async () => {
      const release = gate();
      const running = f.worker({ plan: () => release.promise });
      const first = await f.enqueue();
      await waitFor(async () => (await f.statusOf(first)) === 'running', 'the job to start');
      const stopping = running.stop({ graceMs: 5000 });
      expect(running.isRunning()).toBe(false);
      const second = await f.enqueue();
      running.notify();
      await f.settle();
      release.open();
      await stopping;
      expect(await f.statusOf(first)).toBe('done');
      expect(await f.statusOf(second)).toBe('queued');
      expect(running.running).toBe(0);
    });

    it('past the grace period › aborts handlers, hands back retryable jobs and reports interrupted ones', async () => {
      const reasons: unknown[] = [];
      const honourAbort: JobHandler = (_job, ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => {
            reasons.push(ctx.signal.reason);
            reject(ctx.signal.reason as Error);
          }),
        );
      const interrupted: Job[] = [];
      const running = f.worker(
        { plan: honourAbort, apply: honourAbort },
        { concurrency: 2, onJobInterrupted: (job) => void interrupted.push(job) },
      );
      const plan = await f.enqueue();
      const apply = await f.enqueue({ kind: 'apply', retryPolicy: 'never' });
      await waitFor(() => running.running === 2, 'both jobs to start');
      await running.stop({ graceMs: 30 });
      expect(reasons).toHaveLength(2);
      expect(reasons.every((reason) => reason instanceof WorkerStoppingError)).toBe(true);
      expect(await f.store.getJob(plan.id)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(await f.store.getJob(apply.id)).toMatchObject({ status: 'interrupted' });
      expect(interrupted.map((job) => job.id)).toEqual([apply.id]);
    });

    it('a handler that ignores the abort › its job is handed back anyway', async () => {
      const running = f.worker({ plan: () => new Promise(() => undefined) }, { abortWaitMs: 20 });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'running', 'the job to start');
      await running.stop({ graceMs: 20 });
      expect(await f.store.getJob(job.id)).toMatchObject({ status: 'queued', workerId: undefined });
    });

    it('stopping twice, or a worker never started, is harmless', async () => {
      const idle = f.createUnstarted({ handlers: {}, workerId: 'idle' });
      await idle.stop();
      const running = f.worker({ plan: async () => undefined });
      await Promise.all([running.stop(), running.stop()]);
      expect(running.isRunning()).toBe(false);
    });
  });

  describe('store failures', () => {
    it('a claim that fails is logged and the worker keeps polling', async () => {
      f.worker({ plan: async () => 'ok' }, { store: f.failing({ claim: 3 }) });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish');
      expect(f.log.lines.filter((line) => line.msg === 'claiming a job failed').length).toBeGreaterThan(0);
    });

    it('a completion that fails briefly is retried and recorded', async () => {
      f.worker({ plan: async () => 'ok' }, { store: f.failing({ complete: 2 }) });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish');
    });

    it('a failure that cannot be recorded leaves the job running until its lease expires, then it is recovered', async () => {
      const running = f.worker(
        {
          plan: async () => {
            throw new Error('handler failed');
          },
        },
        { store: f.failing({ fail: 100 }), leaseMs: 1000 },
      );
      const job = await f.enqueue();
      await waitFor(
        () => f.log.lines.some((line) => line.msg === 'recording a job failure failed'),
        'the failed write',
      );
      expect(await f.statusOf(job)).toBe('running');
      await running.stop({ graceMs: 10 });
      // stop() handed it back; a crash instead would leave it to lease recovery:
      expect(await f.statusOf(job)).toBe('queued');
    });

    it('a job left running by a dead database is recovered once its lease expires', async () => {
      f.worker(
        {
          plan: async () => {
            throw new Error('handler failed');
          },
        },
        { store: f.failing({ fail: 100, releaseWorkerJobs: 100 }), leaseMs: 1000, heartbeatEveryMs: 60_000 },
      );
      const job = await f.enqueue();
      await waitFor(
        () => f.log.lines.some((line) => line.msg === 'recording a job failure failed'),
        'the failed write',
      );
      const recovered = await f.store.recoverExpiredLeases(new Date(T0.getTime() + 1001));
      expect(recovered.requeued.map((j) => j.id)).toEqual([job.id]);
    });
  });
});
