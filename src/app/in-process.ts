// The app without a port, a thread or a timer: Probot's app function with the webhook edge and Slack interactions
// that main.ts mounts, the job code every worker runs (job-runtime.ts), and a drain() that runs the due jobs on this
// event loop until none is left. The workflow test tier (test/workflow/) drives it from outside: webhooks through
// `probot.receive`, HTTP (Slack clicks, health) through `handleRequest`, time through the injected clock.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createProbot } from 'probot';
import type { ApplicationFunctionOptions, Probot, ProbotOctokit } from 'probot';
import type { Env } from '../config/env.js';
import { createOctokitClass } from '../github/octokit.js';
import type { Clock } from '../jobs/clock.js';
import { startJob } from '../jobs/job-runner.js';
import { createMetrics } from '../metrics/metrics.js';
import type { Metrics } from '../metrics/metrics.js';
import { metricsHandler } from '../metrics/metrics-handler.js';
import { rateLimitPlugin } from '../metrics/rate-limit.js';
import { slackApprovalHandler } from '../webhooks/on-approval-click.js';
import type { Store } from '../store/store.js';
import type { Job, JobStatus } from '../store/store.js';
import { infraBot } from '../index.js';
import { JOB_KINDS } from '../workflow/job-kinds.js';
import { createJobCode } from './job-runtime.js';
import type { JobCode } from './job-runtime.js';
import { appLogger } from './process-setup.js';

const WORKER_ID = 'in-process';
const LEASE_MS = 60_000;
/** A drain that runs more jobs than this is a job re-enqueueing itself, not a flow finishing. */
const DEFAULT_MAX_JOBS = 200;

export interface InProcessInputs {
  /** Parsed with parseEnv, as main.ts does. */
  env: Env;
  /** The raw environment: Probot's own settings (APP_ID, GHE_HOST…), LOG_LEVEL, and the PATH terraform runs on. */
  rawEnv: Record<string, string | undefined>;
  store: Store;
  clock: Clock;
  dataDir: string;
  /** The Octokit class (default: the server's, createOctokitClass()); the rate-limit metrics plugin is added to it. */
  Octokit?: typeof ProbotOctokit;
}

/** A job as it stands after drain() ran it once. */
export interface DrainedJob {
  id: string;
  kind: string;
  status: JobStatus;
  result?: unknown;
  lastError?: string;
}

export interface InProcessApp {
  probot: Probot;
  /** The job code (services, handlers, sweeps), as a worker thread builds it. */
  jobs: JobCode;
  metrics: Metrics;
  /** The HTTP routes the app adds to Probot's server (health, Slack interactions, metrics); false when none matched. */
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /**
   * Runs one deadline sweep, then every job due at `clock.now()`, one at a time through the worker's own job runner
   * (completion, failure, retry scheduling, failure reports), and again until nothing is due. Jobs due later (a
   * retry's backoff, a reminder) wait for the clock to be moved. Throws when more than maxJobs would run.
   */
  drain(options?: { maxJobs?: number }): Promise<DrainedJob[]>;
}

export async function createInProcessApp(inputs: InProcessInputs): Promise<InProcessApp> {
  const { env, rawEnv, store, clock, dataDir } = inputs;
  const log = await appLogger(env, rawEnv);
  const metrics = createMetrics({
    jobKinds: Object.values(JOB_KINDS),
    countJobs: () => store.countJobsByStateAndKind(),
    defaultMetrics: false,
  });
  const probot = createProbot({
    env: rawEnv,
    overrides: { log, Octokit: (inputs.Octokit ?? createOctokitClass()).plugin(rateLimitPlugin(metrics)) },
  });
  // Nothing to wake: drain() is the worker.
  const notifyWorker = () => undefined;
  const jobs = createJobCode({ app: probot, env, rawEnv, store, clock, dataDir, metrics, notifyWorkers: notifyWorker });
  const slackHandler = slackApprovalHandler(env.SLACK_SIGNING_SECRET, probot.log, { store, notifyWorker });

  const routes: Array<(request: IncomingMessage, response: ServerResponse) => unknown> = [];
  const options: ApplicationFunctionOptions = { cwd: process.cwd(), addHandler: (handler) => routes.push(handler) };
  await probot.load(
    infraBot({ store, clock, metrics, notifyWorker, workerRunning: () => true, ...(slackHandler && { slackHandler }) }),
    options,
  );
  options.addHandler(metricsHandler(metrics.registry));

  const kinds = Object.keys(jobs.handlers);
  const claim = () => store.claim({ workerId: WORKER_ID, leaseMs: LEASE_MS, now: clock.now(), kinds });
  /** One run through the worker's runner; the job as the store then holds it. */
  const run = async (job: Job): Promise<DrainedJob> => {
    await startJob(job, jobs.handlers[job.kind]!, {
      store,
      clock,
      log: probot.log,
      workerId: WORKER_ID,
      leaseMs: LEASE_MS,
      heartbeatEveryMs: LEASE_MS / 3,
      retry: {},
      isStopping: () => false,
      onJobFailed: (failed, error) => jobs.problems.failed(failed, error),
    }).done;
    const after = await store.getJob(job.id);
    return {
      id: job.id,
      kind: job.kind,
      status: after?.status ?? job.status,
      ...(after?.result !== undefined && { result: after.result }),
      ...(after?.lastError !== undefined && { lastError: after.lastError }),
    };
  };

  return {
    probot,
    jobs,
    metrics,
    async handleRequest(request, response) {
      for (const route of routes) if (await route(request, response)) return true;
      return false;
    },
    async drain({ maxJobs = DEFAULT_MAX_JOBS } = {}) {
      const ran: DrainedJob[] = [];
      for (;;) {
        await jobs.sweeps.deadlines();
        const job = await claim();
        if (!job) return ran;
        if (ran.length >= maxJobs) {
          await store.releaseWorkerJobs(WORKER_ID);
          const kindsRun = [...new Set(ran.map((done) => done.kind))].join(', ');
          throw new Error(
            `drain ran ${maxJobs} jobs (${kindsRun}) and ${job.kind} is still due: a job keeps re-queueing`,
          );
        }
        ran.push(await run(job));
      }
    },
  };
}
