import { describe, expect, it } from '@jest/globals';
import { PermanentJobError } from '../../../src/jobs/errors.js';
import { SlackApiError } from '../../../src/slack/slack-errors.js';
import type { JobHandler } from '../../../src/jobs/job-runner.js';
import type { Job } from '../../../src/store/store.js';
import { gate, waitFor } from './support/helpers.js';
import { T0, useWorkerFixture } from './support/worker-fixture.js';

describe('worker', () => {
  const f = useWorkerFixture();

  describe('success', () => {
    it('runs the handler with the job and records its result', async () => {
      const seen: { payload: unknown; aborted: boolean }[] = [];
      f.worker({
        plan: async (job, ctx) => {
          seen.push({ payload: job.payload, aborted: ctx.signal.aborted });
          await ctx.heartbeat();
          ctx.log.info({ step: 1 }, 'planning');
          return { planned: 2 };
        },
      });
      const job = await f.enqueue({ payload: { pr: 42 } });
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish');
      expect(await f.store.getJob(job.id)).toMatchObject({ result: { planned: 2 }, attempts: 1 });
      expect(seen).toEqual([{ payload: { pr: 42 }, aborted: false }]);
      expect(f.log.lines).toContainEqual({
        level: 'info',
        obj: expect.objectContaining({ jobId: job.id, step: 1 }),
        msg: 'planning',
      });
    });

    it('notify › claims at once instead of waiting for the next poll', async () => {
      const started = Date.now();
      const running = f.worker({ plan: async () => 'ok' }, { pollMs: 60_000 });
      await f.settle();
      const job = await f.enqueue();
      running.notify();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish', 2000);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('runs up to `concurrency` jobs at once, never more', async () => {
      const release = gate();
      let now = 0;
      let most = 0;
      const running = f.worker(
        {
          plan: async () => {
            now += 1;
            most = Math.max(most, now);
            await release.promise;
            now -= 1;
          },
        },
        { concurrency: 2 },
      );
      const jobs = await Promise.all([1, 2, 3, 4, 5].map(() => f.enqueue()));
      running.notify();
      await waitFor(() => running.running === 2, 'two running jobs');
      await f.settle();
      expect(most).toBe(2);
      release.open();
      await waitFor(async () => (await f.store.countJobsByState()).done === jobs.length, 'all jobs to finish');
      expect(most).toBe(2);
    });

    it('only claims the kinds it has handlers for', async () => {
      f.worker({ plan: async () => undefined });
      const other = await f.enqueue({ kind: 'apply' });
      const plan = await f.enqueue();
      await waitFor(async () => (await f.statusOf(plan)) === 'done', 'the plan job');
      expect(await f.statusOf(other)).toBe('queued');
    });

    it('keeps a job done when its result is not JSON (the result is dropped)', async () => {
      f.worker({ plan: async () => ({ big: BigInt(1) }) });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to finish');
      expect((await f.store.getJob(job.id))?.result).toBeUndefined();
    });
  });

  describe('failure', () => {
    it('retries a failing retryable job after an exponential backoff with jitter', async () => {
      let calls = 0;
      const running = f.worker({
        plan: async () => {
          calls += 1;
          if (calls < 3) throw new Error(`boom ${calls}`);
          return 'third time';
        },
      });
      const job = await f.enqueue();
      await waitFor(async () => (await f.statusOf(job)) === 'queued' && calls === 1, 'the first failure');
      // attempt 1: nominal 1000 ms, equal jitter with random 0.5 → 750 ms.
      expect(await f.store.getJob(job.id)).toMatchObject({ lastError: 'boom 1', runAt: new Date(T0.getTime() + 750) });
      await f.settle();
      expect(calls).toBe(1);
      f.clock.advance(750);
      running.notify();
      await waitFor(() => calls === 2, 'the second attempt');
      await waitFor(async () => (await f.statusOf(job)) === 'queued', 'the second failure');
      // attempt 2: nominal 2000 ms → 1500 ms.
      expect((await f.store.getJob(job.id))?.runAt).toEqual(new Date(T0.getTime() + 750 + 1500));
      f.clock.advance(1500);
      running.notify();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the third attempt');
      expect(await f.store.getJob(job.id)).toMatchObject({ attempts: 3, result: 'third time' });
    });

    it('fails a retryable job for good after maxAttempts and reports it once', async () => {
      const failed: [Job, unknown][] = [];
      const running = f.worker(
        {
          plan: async () => {
            throw new Error('always');
          },
        },
        { onJobFailed: (job, error) => void failed.push([job, error]) },
      );
      const job = await f.enqueue({ maxAttempts: 2 });
      await waitFor(async () => (await f.store.getJob(job.id))?.lastError === 'always', 'the first failure');
      f.clock.advance(60_000);
      running.notify();
      await waitFor(async () => (await f.statusOf(job)) === 'failed', 'the job to fail');
      await waitFor(() => failed.length === 1, 'onJobFailed');
      expect(failed[0]?.[0]).toMatchObject({ id: job.id, status: 'failed', attempts: 2 });
      expect((failed[0]?.[1] as Error).message).toBe('always');
    });

    it('PermanentJobError › fails at once, whatever the retry policy', async () => {
      f.worker({
        plan: async () => {
          throw new PermanentJobError('the spec is gone');
        },
      });
      const job = await f.enqueue({ maxAttempts: 5 });
      await waitFor(async () => (await f.statusOf(job)) === 'failed', 'the job to fail');
      expect(await f.store.getJob(job.id)).toMatchObject({
        attempts: 1,
        lastError: 'job-permanent-failure: the spec is gone',
      });
    });

    it('a Slack channel_not_found (a config problem) fails at once, classified, without retries', async () => {
      f.worker({
        plan: async () => {
          throw new SlackApiError('channel_not_found', 'chat.postMessage', 'Slack answered "channel_not_found"', false);
        },
      });
      const job = await f.enqueue({ maxAttempts: 5 });
      await waitFor(async () => (await f.statusOf(job)) === 'failed', 'the job to fail');
      expect(await f.store.getJob(job.id)).toMatchObject({ attempts: 1 });
      expect(f.log.lines).toContainEqual({
        level: 'error',
        obj: expect.objectContaining({ jobId: job.id, category: 'config', code: 'slack:channel_not_found' }),
        msg: 'job failed',
      });
    });

    it('a transient Slack error (rate limited) is retried', async () => {
      let calls = 0;
      const running = f.worker({
        plan: async () => {
          calls += 1;
          if (calls === 1) throw new SlackApiError('ratelimited', 'chat.postMessage', 'rate limited', true, 429);
          return 'ok';
        },
      });
      const job = await f.enqueue({ maxAttempts: 5 });
      await waitFor(async () => (await f.statusOf(job)) === 'queued' && calls === 1, 'the first failure');
      f.clock.advance(60_000);
      running.notify();
      await waitFor(async () => (await f.statusOf(job)) === 'done', 'the job to succeed on its retry');
      expect(calls).toBe(2);
    });

    it('a never-retry job fails at once on any error', async () => {
      f.worker({
        apply: async () => {
          throw new Error('apply failed halfway');
        },
      });
      const job = await f.enqueue({ kind: 'apply', retryPolicy: 'never' });
      await waitFor(async () => (await f.statusOf(job)) === 'failed', 'the job to fail');
    });

    it('a handler throwing synchronously, throwing a non-Error, or a throwing hook never stops the worker', async () => {
      const handlers: Record<string, JobHandler> = {
        sync: () => {
          throw new Error('sync');
        },
        text: async () => {
          throw 'just a string';
        },
        plan: async () => 'fine',
      };
      f.worker(handlers, {
        onJobFailed: () => {
          throw new Error('the hook broke');
        },
      });
      const sync = await f.enqueue({ kind: 'sync', retryPolicy: 'never' });
      const text = await f.enqueue({ kind: 'text', retryPolicy: 'never' });
      const plan = await f.enqueue();
      await waitFor(async () => (await f.statusOf(plan)) === 'done', 'the healthy job');
      expect(await f.store.getJob(sync.id)).toMatchObject({ status: 'failed', lastError: 'sync' });
      expect(await f.store.getJob(text.id)).toMatchObject({ status: 'failed', lastError: 'just a string' });
      await waitFor(() => f.log.lines.some((line) => line.msg === 'onJobFailed failed'), 'the hook failure log');
    });
  });
});
