import type { Job, Store } from '../store/store.js';
import { backoffMs } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import type { Clock } from './clock.js';
import { classifyError } from './classify-error.js';
import { LeaseLostError, describeJobError } from './errors.js';
import type { JobLog } from './log.js';
import { withFields } from './log.js';

export interface JobContext {
  /** Aborted when the lease is lost or the worker stops past its grace period: stop soon, touch nothing more. */
  signal: AbortSignal;
  /** Renews the lease now (it is also renewed on a timer); throws LeaseLostError when the job is no longer ours. */
  heartbeat(): Promise<void>;
  log: JobLog;
}

export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown> | unknown;

export type WorkerStore = Pick<
  Store,
  'claim' | 'heartbeat' | 'complete' | 'fail' | 'recoverExpiredLeases' | 'releaseWorkerJobs'
>;

export interface RunnerDeps {
  store: WorkerStore;
  clock: Clock;
  log: JobLog;
  workerId: string;
  leaseMs: number;
  heartbeatEveryMs: number;
  retry: BackoffOptions;
  /** While stopping, an aborted job is left running in the store for releaseWorkerJobs to hand back. */
  isStopping(): boolean;
  onJobFailed?(job: Job, error: unknown): void | Promise<void>;
}

export interface ActiveJob {
  job: Job;
  controller: AbortController;
  /** Settles when the job has left this worker (never rejects). */
  done: Promise<void>;
  stopHeartbeat(): void;
  /** Renews the lease now; false when it was refused (the run is then aborted). */
  renew(): Promise<boolean>;
  /** The job was taken from this run (e.g. recovered and claimed again): abort it and record nothing. */
  markLost(): void;
}

const STORE_WRITE_TRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a hook or a store write; its failure is logged, never thrown (a job error must not crash the process). */
export async function attempt<T>(log: JobLog, what: string, fn: () => Promise<T> | T, tries = 1) {
  for (let tried = 1; ; tried += 1) {
    try {
      return { ok: true as const, value: await fn() };
    } catch (error) {
      if (tried >= tries) {
        log.error({ err: describeJobError(error) }, `${what} failed`);
        return { ok: false as const };
      }
      await sleep(100 * 4 ** (tried - 1));
    }
  }
}

/** A result the store cannot keep is dropped, not allowed to turn finished work into a retry. */
function storable(result: unknown, log: JobLog): unknown {
  try {
    JSON.stringify(result);
    return result;
  } catch (error) {
    log.warn({ err: describeJobError(error) }, 'the result of a job is not JSON; it is not kept');
    return undefined;
  }
}

export function startJob(job: Job, handler: JobHandler, deps: RunnerDeps): ActiveJob {
  const { store, clock, workerId, leaseMs } = deps;
  const log = withFields(deps.log, { jobId: job.id, kind: job.kind, attempt: job.attempts });
  const controller = new AbortController();
  let lost = false;

  const markLost = () => {
    if (lost) return;
    lost = true;
    log.warn({}, 'lost the lease of a running job; aborting it');
    controller.abort(new LeaseLostError(job.id));
  };
  // Once the handler has returned, the result is being recorded: a late heartbeat finding the job already
  // completed must not be mistaken for a lost lease.
  let settling = false;
  const renew = async (): Promise<boolean> => {
    if (settling) return true;
    if (lost) return false;
    if (await store.heartbeat(job.id, workerId, leaseMs, clock.now())) return true;
    markLost();
    return false;
  };
  const timer = setInterval(() => {
    // A failed renewal (database briefly down) is retried on the next tick; only a refused one aborts.
    renew().catch((error: unknown) => log.warn({ err: describeJobError(error) }, 'renewing a lease failed'));
  }, deps.heartbeatEveryMs);
  timer.unref();

  const ctx: JobContext = {
    signal: controller.signal,
    heartbeat: async () => {
      if (!(await renew())) throw new LeaseLostError(job.id);
    },
    log,
  };

  const settleFailure = async (error: unknown) => {
    const message = describeJobError(error);
    if (lost) return log.warn({ err: message }, 'a job whose lease was lost failed; its new holder decides');
    if (deps.isStopping() && controller.signal.aborted) return log.info({ err: message }, 'aborted by shutdown');
    // One policy for every job: configuration and permission problems are not retried, whatever the job's policy.
    const classified = classifyError(error);
    const retryable = classified.retryable && job.retryPolicy === 'retry';
    const retryAt =
      retryable && job.attempts < job.maxAttempts
        ? new Date(clock.now().getTime() + backoffMs(job.attempts, deps.retry))
        : undefined;
    const written = await attempt(
      log,
      'recording a job failure',
      () => store.fail(job.id, workerId, { error: message, retryAt }),
      STORE_WRITE_TRIES,
    );
    const after = written.ok ? written.value : undefined;
    const why = { err: message, category: classified.category, code: classified.code };
    if (after?.status === 'queued') log.warn({ ...why, retryAt }, 'job failed; it will be retried');
    if (after?.status === 'failed') {
      log.error(why, 'job failed');
      if (deps.onJobFailed) await attempt(log, 'onJobFailed', () => deps.onJobFailed!(after, error));
    }
  };

  const run = async () => {
    try {
      const result = await Promise.resolve().then(() => handler(job, ctx));
      settling = true;
      clearInterval(timer);
      if (lost) return log.warn({}, 'a job whose lease was lost finished; its result is dropped');
      const written = await attempt(
        log,
        'recording a job completion',
        () => store.complete(job.id, workerId, storable(result, log)),
        STORE_WRITE_TRIES,
      );
      if (written.ok && !written.value) log.warn({}, 'a finished job was no longer held by this worker');
    } catch (error) {
      settling = true;
      clearInterval(timer);
      await settleFailure(error);
    } finally {
      clearInterval(timer);
    }
  };

  const done = run().catch((error: unknown) => {
    log.error({ err: describeJobError(error) }, 'the bookkeeping of a job failed');
  });
  return { job, controller, done, stopHeartbeat: () => clearInterval(timer), renew, markLost };
}
