import { afterEach, beforeEach } from '@jest/globals';
import { createTestClock } from '../../../../src/jobs/clock.js';
import type { TestClock } from '../../../../src/jobs/clock.js';
import type { JobHandler, WorkerStore } from '../../../../src/jobs/job-runner.js';
import { createWorker } from '../../../../src/jobs/worker.js';
import type { Worker, WorkerOptions } from '../../../../src/jobs/worker.js';
import type { EnqueueInput, Job, Store } from '../../../../src/store/store.js';
import { captureLog, openTempStore } from './helpers.js';

export const T0 = new Date('2030-01-01T00:00:00.000Z');

export interface WorkerFixture {
  clock: TestClock;
  store: Store;
  log: ReturnType<typeof captureLog>;
  /** A started worker (stopped after the test) with short polls and a deterministic backoff. */
  worker(handlers: Record<string, JobHandler>, over?: Partial<WorkerOptions>): Worker;
  /** A worker the test starts itself; still stopped after the test. */
  createUnstarted(options: Partial<WorkerOptions> & { handlers: Record<string, JobHandler> }): Worker;
  enqueue(over?: Partial<EnqueueInput>): Promise<Job>;
  statusOf(job: Job): Promise<string | undefined>;
  /** Lets timers and in-flight claims run for a moment. */
  settle(): Promise<void>;
  /** A view of the store whose methods reject as configured (a database that is down). */
  failing(failures: Partial<Record<keyof Store, number>>, switchedOff?: { value: boolean }): WorkerStore;
}

/** Registers beforeEach/afterEach: a fresh SQLite store and test clock per test; every worker stopped after it. */
export function useWorkerFixture(): WorkerFixture {
  const workers: Worker[] = [];
  let cleanup: () => Promise<void>;
  const fixture = {} as WorkerFixture;

  beforeEach(async () => {
    fixture.clock = createTestClock(T0);
    const opened = await openTempStore(fixture.clock);
    fixture.store = opened.store;
    cleanup = opened.cleanup;
    fixture.log = captureLog();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop({ graceMs: 100 })));
    await cleanup();
  });

  fixture.createUnstarted = (options) => {
    const created = createWorker({
      store: fixture.store,
      clock: fixture.clock,
      log: fixture.log,
      workerId: 'w1',
      concurrency: 1,
      leaseMs: 60_000,
      pollMs: 20,
      retry: { baseMs: 1000, maxMs: 60_000, random: () => 0.5 },
      ...options,
    });
    workers.push(created);
    return created;
  };
  fixture.worker = (handlers, over = {}) => {
    const created = fixture.createUnstarted({ ...over, handlers });
    created.start();
    return created;
  };
  fixture.enqueue = (over = {}) =>
    fixture.store.enqueue({ kind: 'plan', payload: { pr: 1 }, retryPolicy: 'retry', ...over });
  fixture.statusOf = async (job) => (await fixture.store.getJob(job.id))?.status;
  fixture.settle = () => new Promise((resolve) => setTimeout(resolve, 60));
  fixture.failing = (failures, switchedOff) =>
    new Proxy(fixture.store, {
      get(target, property: keyof Store) {
        const value = target[property];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const left = failures[property] ?? 0;
          if (switchedOff?.value || left > 0) {
            failures[property] = left - 1;
            return Promise.reject(new Error(`database unavailable (${String(property)})`));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return fixture;
}
