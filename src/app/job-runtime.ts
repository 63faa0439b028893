// Everything that runs jobs, wired once: the services (clients), the worker claiming from the store, and the
// periodic sweeps (deadlines, drift, reconcile). The same wiring runs in the web process (INFRA_BOT_WORKERS=0) or in
// each worker thread, so a job behaves the same wherever it runs.
import type { Probot } from 'probot';
import type { Env } from '../config/env.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Clock } from '../jobs/clock.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { createWorker } from '../jobs/worker.js';
import type { Worker } from '../jobs/worker.js';
import { instrumentJobHandlers } from '../metrics/instrument.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Store } from '../store/store.js';
import type { Services } from '../workflow/services.js';
import { commandHandlers } from '../workflow/commands/command-handlers.js';
import { driftTick } from '../workflow/drift/drift-schedule.js';
import { sweepDeadlines } from '../workflow/expiry/sweep-deadlines.js';
import { jobHandlers } from '../workflow/job-handlers.js';
import { reconcile } from '../workflow/reconcile/reconcile.js';
import { createJobProblemReporter } from '../workflow/report-job-problem.js';
import type { JobProblemReporter } from '../workflow/report-job-problem.js';
import { createServices } from './create-services.js';

/** Jobs one worker (thread or process) runs at once: most of a job's time is spent awaiting terraform or an API. */
export const JOBS_PER_WORKER = 2;

export interface JobRuntimeInputs {
  app: Probot;
  env: Env;
  rawEnv: Record<string, string | undefined>;
  store: Store;
  clock: Clock;
  dataDir: string;
  metrics: Metrics;
  workerId: string;
  /** Something was enqueued by a job: wake the claimers (this one, and the other threads). */
  notifyWorkers(): void;
  /** Only one runtime per process runs the sweeps (they are idempotent, but twice the work is waste). */
  runSweeps: boolean;
}

export interface JobRuntime {
  worker: Worker;
  problems: JobProblemReporter;
  /** Stops the sweeps, then the worker (running jobs get graceMs, then are handed back). */
  stop(graceMs: number): Promise<void>;
}

/** What runs jobs, without a worker or timers: the services, the handler map, the reporter and one pass of each sweep. */
export interface JobCode {
  services: Services;
  problems: JobProblemReporter;
  handlers: Record<string, JobHandler>;
  sweeps: {
    deadlines(): Promise<unknown>;
    drift(): Promise<unknown>;
    reconcile(): Promise<unknown>;
  };
}

/** Builds the job code once; startJobRuntime runs it on a worker and timers, app/in-process.ts steps it by hand. */
export function createJobCode(inputs: Omit<JobRuntimeInputs, 'workerId' | 'runSweeps'>): JobCode {
  const { app, metrics } = inputs;
  const services = createServices({ ...inputs, notifyWorker: inputs.notifyWorkers });
  const appClient = async () => (await app.auth()) as unknown as GitHubClient;
  return {
    services,
    problems: createJobProblemReporter({ services, metrics }),
    handlers: instrumentJobHandlers(metrics, jobHandlers(services, commandHandlers())),
    sweeps: {
      deadlines: () => sweepDeadlines(services),
      drift: () => driftTick(services, appClient),
      reconcile: () => reconcile(services, appClient),
    },
  };
}

export function startJobRuntime(inputs: JobRuntimeInputs): JobRuntime {
  const { app, env, store, clock } = inputs;
  const { problems, handlers, sweeps } = createJobCode(inputs);
  const worker = createWorker({
    store,
    handlers,
    clock,
    log: app.log,
    workerId: inputs.workerId,
    concurrency: JOBS_PER_WORKER,
    // A crashed replica's (or thread's) jobs are taken over once their lease expires.
    leaseMs: Number(env.INFRA_BOT_JOB_LEASE_MS ?? 60_000),
    pollMs: 2_000,
    onJobFailed: (job, error) => problems.failed(job, error),
    onJobInterrupted: (job) => problems.interrupted(job),
  });
  worker.start();
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, what: string, tick: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      tick().catch((error: unknown) => app.log.error({ err: error }, `${what} failed`));
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  if (inputs.runSweeps) {
    every(Number(env.INFRA_BOT_DEADLINE_SWEEP_MS ?? 15_000), 'deadline sweep', sweeps.deadlines);
    every(Number(env.INFRA_BOT_DRIFT_TICK_MS ?? 600_000), 'drift tick', sweeps.drift);
    every(Number(env.INFRA_BOT_RECONCILE_MS ?? 600_000), 'reconcile sweep', sweeps.reconcile);
  }
  return {
    worker,
    problems,
    stop: async (graceMs) => {
      timers.forEach(clearInterval);
      await worker.stop({ graceMs });
    },
  };
}
