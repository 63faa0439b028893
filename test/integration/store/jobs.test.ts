import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import { StoreError } from '../../../src/store/errors.js';
import type { EnqueueInput, Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const LEASE = 60_000;

describe.each(ENGINES)('store (%s) › jobs', (engine) => {
  const clock = createTestClock(T0);
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open({ clock });
  });
  afterAll(() => harness.dispose());
  beforeEach(async () => {
    await harness.reset();
    clock.set(T0);
  });

  const enqueue = (over: Partial<EnqueueInput> = {}) =>
    store.enqueue({ kind: 'plan', payload: { pr: 1 }, retryPolicy: 'retry', ...over });
  const claim = (workerId = 'w1', kinds?: string[]) =>
    store.claim({ workerId, leaseMs: LEASE, now: clock.now(), kinds });

  describe('enqueue', () => {
    it('queues a job due now, with the payload intact and attempts by retry policy', async () => {
      const payload = { pr: 7, stacks: ['identity', 'ec2-a'], nested: { ok: true, n: null }, text: "it's $x ?" };
      const retry = await enqueue({ payload });
      const never = await enqueue({ kind: 'apply', retryPolicy: 'never' });
      expect(retry).toMatchObject({ kind: 'plan', status: 'queued', attempts: 0, maxAttempts: 5, payload });
      expect(retry.runAt).toEqual(T0);
      expect(retry.createdAt).toEqual(T0);
      expect(never.maxAttempts).toBe(1);
      expect((await store.getJob(retry.id))?.payload).toEqual(payload);
    });

    it('keeps string, array and null payloads as they were', async () => {
      for (const payload of ['text', [1, 2], null, 0]) {
        const job = await enqueue({ payload });
        expect((await store.getJob(job.id))?.payload).toEqual(payload);
      }
    });

    it.each([
      ['a payload that is not JSON', { payload: { n: BigInt(1) } }],
      ['supersede without a concurrency key', { supersede: true }],
      ['maxAttempts of zero', { maxAttempts: 0 }],
      ['an empty kind', { kind: '' }],
    ])('rejects %s and queues nothing', async (_label, over) => {
      await expect(enqueue(over)).rejects.toMatchObject({ name: 'StoreError', code: 'invalid-input' });
      expect(await store.listJobs()).toEqual([]);
    });
  });

  describe('claim', () => {
    it('takes the oldest due job, marks it running under a lease and counts the attempt', async () => {
      const later = await enqueue({ runAt: new Date(T0.getTime() - 1000) });
      const earliest = await enqueue({ runAt: new Date(T0.getTime() - 5000) });
      const claimed = await claim('w1');
      expect(claimed).toMatchObject({ id: earliest.id, status: 'running', workerId: 'w1', attempts: 1 });
      expect(claimed?.leaseUntil).toEqual(new Date(T0.getTime() + LEASE));
      expect(claimed?.startedAt).toEqual(T0);
      expect((await claim('w2'))?.id).toBe(later.id);
      expect(await claim('w3')).toBeUndefined();
    });

    it('leaves a job alone until it is due', async () => {
      await enqueue({ runAt: new Date(T0.getTime() + 10_000) });
      expect(await claim()).toBeUndefined();
      clock.advance(10_000);
      expect(await claim()).toMatchObject({ status: 'running' });
    });

    it('takes only the kinds asked for', async () => {
      const apply = await enqueue({ kind: 'apply' });
      await enqueue({ kind: 'plan' });
      expect(await claim('w1', [])).toBeUndefined();
      expect((await claim('w1', ['apply', 'destroy']))?.id).toBe(apply.id);
      expect(await claim('w1', ['apply'])).toBeUndefined();
    });

    it('returns undefined on an empty queue', async () => {
      expect(await claim()).toBeUndefined();
    });
  });

  describe('concurrency key', () => {
    it('does not start a second job of a key while one runs, but takes other keys', async () => {
      const apply = await enqueue({ kind: 'apply', concurrencyKey: 'stack:acme/infra:ec2-a' });
      const destroy = await enqueue({ kind: 'destroy', concurrencyKey: 'stack:acme/infra:ec2-a' });
      const other = await enqueue({ kind: 'apply', concurrencyKey: 'stack:acme/infra:ec2-b' });
      expect((await claim('w1'))?.id).toBe(apply.id);
      expect((await claim('w2'))?.id).toBe(other.id);
      expect(await claim('w3')).toBeUndefined();
      await store.complete(apply.id, 'w1');
      expect((await claim('w3'))?.id).toBe(destroy.id);
    });
  });

  describe('supersede', () => {
    it('cancels the queued job of the same kind and key and queues the new one', async () => {
      const key = 'plan:acme/infra#4';
      const first = await enqueue({ concurrencyKey: key, supersede: true, payload: { sha: 'aaa' } });
      const second = await enqueue({ concurrencyKey: key, supersede: true, payload: { sha: 'bbb' } });
      expect((await store.getJob(first.id))?.status).toBe('superseded');
      expect((await store.getJob(second.id))?.status).toBe('queued');
      expect((await claim())?.payload).toEqual({ sha: 'bbb' });
    });

    it('leaves a running job and other kinds of the same key alone', async () => {
      const key = 'stack:acme/infra:ec2-a';
      const running = await enqueue({ concurrencyKey: key });
      await claim();
      const apply = await enqueue({ kind: 'apply', concurrencyKey: key });
      const newer = await enqueue({ concurrencyKey: key, supersede: true });
      expect((await store.getJob(running.id))?.status).toBe('running');
      expect((await store.getJob(apply.id))?.status).toBe('queued');
      expect((await store.getJob(newer.id))?.status).toBe('queued');
    });
  });

  describe('heartbeat, complete and fail', () => {
    it('extends the lease of the holder only', async () => {
      const job = await enqueue();
      await claim('w1');
      clock.advance(30_000);
      expect(await store.heartbeat(job.id, 'w1', LEASE, clock.now())).toBe(true);
      expect((await store.getJob(job.id))?.leaseUntil).toEqual(new Date(T0.getTime() + 30_000 + LEASE));
      expect(await store.heartbeat(job.id, 'w2', LEASE, clock.now())).toBe(false);
      expect(await store.heartbeat('999999', 'w1', LEASE, clock.now())).toBe(false);
      expect(await store.heartbeat('not-an-id', 'w1', LEASE, clock.now())).toBe(false);
    });

    it('completes with a result, once, and only for the holder', async () => {
      const job = await enqueue();
      await claim('w1');
      expect(await store.complete(job.id, 'w2', { no: 1 })).toBeUndefined();
      clock.advance(5);
      const done = await store.complete(job.id, 'w1', { applied: 3 });
      expect(done).toMatchObject({ status: 'done', result: { applied: 3 }, finishedAt: clock.now() });
      expect(await store.complete(job.id, 'w1')).toBeUndefined();
    });

    it('puts a failed retryable job back in the queue at retryAt while attempts remain', async () => {
      const job = await enqueue({ maxAttempts: 2 });
      await claim('w1');
      const retryAt = new Date(T0.getTime() + 4000);
      expect(await store.fail(job.id, 'w1', { error: 'boom', retryAt })).toMatchObject({
        status: 'queued',
        runAt: retryAt,
        lastError: 'boom',
        attempts: 1,
      });
      expect(await claim('w1')).toBeUndefined();
      clock.set(retryAt);
      expect(await claim('w1')).toMatchObject({ id: job.id, attempts: 2 });
      expect(await store.fail(job.id, 'w1', { error: 'boom again', retryAt })).toMatchObject({
        status: 'failed',
        lastError: 'boom again',
      });
    });

    it('fails a job without retryAt, a never-retry job, and ignores a worker that lost it', async () => {
      const plain = await enqueue();
      const never = await enqueue({ kind: 'apply', retryPolicy: 'never' });
      await claim('w1');
      await claim('w2');
      expect(await store.fail(plain.id, 'w2', { error: 'not mine' })).toBeUndefined();
      expect((await store.fail(plain.id, 'w1', { error: 'bad' }))?.status).toBe('failed');
      const retryAt = new Date(T0.getTime() + 1);
      expect((await store.fail(never.id, 'w2', { error: 'bad', retryAt }))?.status).toBe('failed');
    });
  });

  describe('lease expiry', () => {
    it('requeues a retryable job and interrupts a never-retry one, reporting the lease time', async () => {
      const plan = await enqueue();
      const apply = await enqueue({ kind: 'apply', retryPolicy: 'never' });
      await claim('crashed');
      await claim('crashed');
      expect(await store.recoverExpiredLeases(new Date(T0.getTime() + LEASE))).toEqual({
        requeued: [],
        interrupted: [],
      });
      const recovered = await store.recoverExpiredLeases(new Date(T0.getTime() + LEASE + 1));
      expect(recovered.requeued.map((job) => job.id)).toEqual([plan.id]);
      expect(recovered.interrupted).toHaveLength(1);
      expect(recovered.interrupted[0]).toMatchObject({ id: apply.id, status: 'interrupted', workerId: 'crashed' });
      expect(recovered.interrupted[0]?.lastError).toBe(
        `interrupted: the worker stopped while it ran (lease expired at ${new Date(T0.getTime() + LEASE).toISOString()})`,
      );
      expect(await store.getJob(plan.id)).toMatchObject({ status: 'queued', attempts: 1 });
      expect(await store.heartbeat(plan.id, 'crashed', LEASE, clock.now())).toBe(false);
    });

    it('interrupts a retryable job that has used all its attempts', async () => {
      const job = await enqueue({ maxAttempts: 1 });
      await claim('crashed');
      const recovered = await store.recoverExpiredLeases(new Date(T0.getTime() + LEASE + 1));
      expect(recovered.interrupted.map((j) => j.id)).toEqual([job.id]);
    });
  });

  describe('releaseWorkerJobs', () => {
    it('hands back the retryable jobs of a stopping worker without counting the attempt', async () => {
      const plan = await enqueue();
      const apply = await enqueue({ kind: 'apply', retryPolicy: 'never' });
      const others = await enqueue();
      await claim('stopping');
      await claim('stopping');
      await claim('other');
      const released = await store.releaseWorkerJobs('stopping');
      expect(released.requeued.map((j) => j.id)).toEqual([plan.id]);
      expect(released.requeued[0]).toMatchObject({ status: 'queued', attempts: 0 });
      expect(released.interrupted.map((j) => j.id)).toEqual([apply.id]);
      expect((await store.getJob(others.id))?.status).toBe('running');
    });
  });

  describe('listing', () => {
    it('lists newest first with filters, counts by state and finds by id', async () => {
      const a = await enqueue({ kind: 'plan' });
      const b = await enqueue({ kind: 'apply' });
      const c = await enqueue({ kind: 'plan' });
      await claim('w1', ['apply']);
      expect((await store.listJobs()).map((j) => j.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.listJobs({ kind: 'plan', limit: 1 })).map((j) => j.id)).toEqual([c.id]);
      expect((await store.listJobs({ status: 'running' })).map((j) => j.id)).toEqual([b.id]);
      expect(await store.countJobsByState()).toEqual({
        queued: 2,
        running: 1,
        done: 0,
        failed: 0,
        interrupted: 0,
        superseded: 0,
      });
      expect(await store.getJob('nope')).toBeUndefined();
      expect(await store.getJob('424242')).toBeUndefined();
    });
  });

  it('reports store errors with a stable code', async () => {
    const error = await enqueue({ maxAttempts: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
  });
});
