import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import type { Job, Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const LEASE = 60_000;

describe.each(ENGINES)('store (%s) › concurrency', (engine) => {
  const clock = createTestClock(T0);
  let harness: EngineHarness;
  let replicas: Store[];

  beforeAll(async () => {
    harness = await createHarness(engine);
    // Two stores on one database: two processes (SQLite: the file opened twice) or two replicas (PostgreSQL).
    replicas = [await harness.open({ clock }), await harness.open({ clock })];
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  const claimer = (index: number) => ({
    store: replicas[index % replicas.length]!,
    workerId: `worker-${index}`,
    claim(kinds?: string[]) {
      return this.store.claim({ workerId: this.workerId, leaseMs: LEASE, now: clock.now(), kinds });
    },
  });

  it('10 claimers in parallel over 200 jobs › each job is claimed exactly once', async () => {
    for (let i = 0; i < 200; i += 1) {
      await replicas[i % 2]!.enqueue({ kind: 'plan', payload: { i }, retryPolicy: 'retry' });
    }
    const claimed: Job[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const worker = claimer(index);
        for (let job = await worker.claim(); job; job = await worker.claim()) {
          claimed.push(job);
          if (job.id.endsWith('0')) await worker.store.complete(job.id, worker.workerId);
        }
      }),
    );
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed.map((job) => job.id)).size).toBe(200);
    expect(claimed.every((job) => job.attempts === 1)).toBe(true);
    expect(new Set(claimed.map((job) => job.workerId)).size).toBeGreaterThan(1);
    const counts = await replicas[0]!.countJobsByState();
    expect(counts.queued).toBe(0);
    expect(counts.running + counts.done).toBe(200);
  });

  it('parallel claimers never run two jobs of one concurrency key at once', async () => {
    const keys = ['stack:a', 'stack:b', 'stack:c', 'stack:d'];
    for (let i = 0; i < 60; i += 1) {
      await replicas[0]!.enqueue({ kind: 'apply', payload: {}, concurrencyKey: keys[i % 4], retryPolicy: 'never' });
    }
    const running = new Set<string>();
    const violations: string[] = [];
    let done = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const worker = claimer(index);
        for (let idle = 0; idle < 50 && done < 60;) {
          const job = await worker.claim();
          if (!job) {
            idle += 1;
            await new Promise((resolve) => setTimeout(resolve, 2));
            continue;
          }
          const key = job.concurrencyKey!;
          if (running.has(key)) violations.push(key);
          running.add(key);
          await new Promise((resolve) => setImmediate(resolve));
          // Forget the key before completing: the database admits the next job of the key only after this commit.
          running.delete(key);
          await worker.store.complete(job.id, worker.workerId);
          done += 1;
        }
      }),
    );
    expect(violations).toEqual([]);
    expect(done).toBe(60);
  });

  it('parallel superseding enqueues of one key › exactly one job stays queued', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        replicas[i % 2]!.enqueue({
          kind: 'plan',
          payload: { sha: i },
          concurrencyKey: 'plan:acme/infra#1',
          supersede: true,
          retryPolicy: 'retry',
        }),
      ),
    );
    expect(jobs).toHaveLength(12);
    const counts = await replicas[0]!.countJobsByState();
    expect(counts).toMatchObject({ queued: 1, superseded: 11 });
  });

  it('lease recovery racing on two replicas › each expired job is recovered once', async () => {
    for (let i = 0; i < 30; i += 1) {
      await replicas[0]!.enqueue({ kind: 'apply', payload: { i }, retryPolicy: i % 2 ? 'never' : 'retry' });
    }
    for (let i = 0; i < 30; i += 1) await claimer(0).claim();
    const later = new Date(T0.getTime() + LEASE + 1);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => replicas[i % 2]!.recoverExpiredLeases(later)),
    );
    const requeued = results.flatMap((r) => r.requeued.map((job) => job.id));
    const interrupted = results.flatMap((r) => r.interrupted.map((job) => job.id));
    expect(requeued).toHaveLength(15);
    expect(interrupted).toHaveLength(15);
    expect(new Set([...requeued, ...interrupted]).size).toBe(30);
  });
});
