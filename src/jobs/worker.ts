import type { Job } from '../store/store.js';
import type { BackoffOptions } from './backoff.js';
import type { Clock } from './clock.js';
import { WorkerStoppingError, describeJobError } from './errors.js';
import type { ActiveJob, JobHandler, WorkerStore } from './job-runner.js';
import { jobOutcomeFields } from './job-outcome.js';
import { attempt, startJob } from './job-runner.js';
import type { JobLog } from './log.js';

export interface WorkerOptions {
  store: WorkerStore;
  /** One handler per job kind; the worker only claims these kinds. */
  handlers: Record<string, JobHandler>;
  clock: Clock;
  log: JobLog;
  /** Unique per process (e.g. `<hostname>:<pid>`): leases are held in its name. */
  workerId: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  /** Default: leaseMs / 3, so two renewals can fail before the lease runs out. */
  heartbeatEveryMs?: number;
  /** How often expired leases (crashed workers) are recovered; default: leaseMs. */
  recoverEveryMs?: number;
  retry?: BackoffOptions;
  /** After the grace period and the abort, how long handlers get to honour the signal (default 1 s). */
  abortWaitMs?: number;
  onJobFailed?(job: Job, error: unknown): void | Promise<void>;
  /** A job stopped midway and will not run again by itself (e.g. a partial apply): report it. */
  onJobInterrupted?(job: Job): void | Promise<void>;
}

export interface Worker {
  start(): void;
  /** Stops claiming, waits up to graceMs for running jobs, then aborts them and hands them back. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Something was enqueued: claim now rather than at the next poll. */
  notify(): void;
  readonly running: number;
  isRunning(): boolean;
}

/** Resolves true when the promise settles within ms, false otherwise. */
const within = (promise: Promise<unknown>, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });

export function createWorker(options: WorkerOptions): Worker {
  const { store, handlers, clock, log, workerId, concurrency, leaseMs, pollMs } = options;
  const kinds = Object.keys(handlers);
  const active = new Map<string, ActiveJob>();
  let state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  let filling: Promise<void> | undefined;
  let refill = false;
  const timers: NodeJS.Timeout[] = [];
  let stopped: Promise<void> | undefined;

  const report = async (interrupted: Job[]) => {
    for (const job of interrupted) {
      log.error({ jobId: job.id, kind: job.kind, err: job.lastError }, 'job interrupted');
      if (options.onJobInterrupted) await attempt(log, 'onJobInterrupted', () => options.onJobInterrupted!(job));
    }
  };

  const launch = (job: Job, handler: JobHandler) => {
    // One info line per finished job with its outcome ("nothing to apply", "superseded"…), not only in the store.
    const logged: JobHandler = async (claimed, ctx) => {
      const result: unknown = await handler(claimed, ctx);
      log.info(jobOutcomeFields(claimed, result), 'job finished');
      return result;
    };
    const running = startJob(job, logged, {
      store,
      clock,
      log,
      workerId,
      leaseMs,
      heartbeatEveryMs: options.heartbeatEveryMs ?? Math.max(1, Math.floor(leaseMs / 3)),
      retry: options.retry ?? {},
      isStopping: () => state !== 'running',
      onJobFailed: options.onJobFailed,
    });
    // Still running here means its lease expired and recovery requeued it: the old run must not record anything.
    active.get(job.id)?.markLost();
    active.set(job.id, running);
    void running.done.then(() => {
      if (active.get(job.id) === running) active.delete(job.id);
      fill();
    });
  };

  // One claiming loop at a time; a notify() during it makes it go round once more.
  const fill = () => {
    if (state !== 'running') return;
    if (filling) {
      refill = true;
      return;
    }
    filling = (async () => {
      do {
        refill = false;
        while (state === 'running' && active.size < concurrency) {
          const claimed = await attempt(log, 'claiming a job', () =>
            store.claim({ workerId, leaseMs, now: clock.now(), kinds }),
          );
          if (!claimed.ok || !claimed.value) break;
          // Claimed while stop() began: it still runs, and stop() waits for it like any other.
          launch(claimed.value, handlers[claimed.value.kind]!);
        }
      } while (refill && state === 'running');
    })().finally(() => {
      filling = undefined;
    });
  };

  let recovering = false;
  const recover = async () => {
    if (recovering) return; // a slow pass is not stacked on by the next tick
    recovering = true;
    try {
      await recoverOnce();
    } finally {
      recovering = false;
    }
  };
  const recoverOnce = async () => {
    // Our own runs are alive: renew them first, so that a late timer never lets us interrupt our own job.
    await Promise.allSettled([...active.values()].map((job) => job.renew()));
    const recovered = await attempt(log, 'recovering expired leases', () => store.recoverExpiredLeases(clock.now()));
    if (!recovered.ok) return;
    const { requeued, interrupted } = recovered.value;
    // One of ours among them (its renewals kept failing): that run no longer owns the job and frees its slot.
    for (const job of [...requeued, ...interrupted]) {
      active.get(job.id)?.markLost();
      active.delete(job.id);
    }
    if (requeued.length) log.warn({ jobIds: requeued.map((job) => job.id) }, 'requeued jobs of a stopped worker');
    await report(interrupted);
    fill();
  };

  const every = (ms: number, tick: () => unknown) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    timers.push(timer);
  };

  const shutdown = async (graceMs: number) => {
    state = 'stopping';
    timers.forEach(clearInterval);
    await filling;
    const settled = () => Promise.allSettled([...active.values()].map((job) => job.done));
    if (!(await within(settled(), graceMs))) {
      log.warn({ jobIds: [...active.keys()] }, 'grace period over; aborting running jobs');
      for (const job of active.values()) job.controller.abort(new WorkerStoppingError());
      await within(settled(), options.abortWaitMs ?? 1000);
    }
    for (const job of active.values()) job.stopHeartbeat();
    const released = await attempt(log, 'handing back running jobs', () => store.releaseWorkerJobs(workerId));
    if (released.ok) {
      const { requeued, interrupted } = released.value;
      if (requeued.length) log.info({ jobIds: requeued.map((job) => job.id) }, 'handed running jobs back');
      await report(interrupted);
    }
  };

  return {
    start() {
      if (state !== 'idle') return;
      state = 'running';
      every(pollMs, fill);
      every(options.recoverEveryMs ?? leaseMs, () => void recover());
      void recover();
      fill();
    },

    stop({ graceMs = 30_000 } = {}) {
      stopped ??= (state === 'idle' ? Promise.resolve() : shutdown(graceMs))
        .catch((error: unknown) => log.error({ err: describeJobError(error) }, 'stopping the worker failed'))
        .finally(() => {
          state = 'stopped';
        });
      return stopped;
    },

    notify() {
      queueMicrotask(fill);
    },

    get running() {
      return active.size;
    },

    isRunning: () => state === 'running',
  };
}
