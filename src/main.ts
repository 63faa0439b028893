// Process entry: parse the environment once, open the store, start Probot's HTTP edge (verify, record + enqueue,
// answer) and the jobs: in INFRA_BOT_WORKERS worker threads (default 1), or on this event loop when it is 0.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ProbotOctokit, run } from 'probot';
import { loadSetupEnvFile, runSetupMode, setupEnvFile } from './app/setup-mode.js';
import { checkPrivateKey } from './app/check-private-key.js';
import { deploymentProblem, failStartup } from './app/startup-errors.js';
import type { StartupStep } from './app/startup-errors.js';
import type { ApplicationFunction } from 'probot';
import type { JobRuntime } from './app/job-runtime.js';
import { appClock, appLogger, openAppStore, webSqliteOptions } from './app/process-setup.js';
import { observeAckLatency } from './metrics/ack-latency.js';
import { createMetrics } from './metrics/metrics.js';
import { metricsHandler } from './metrics/metrics-handler.js';
import { rateLimitPlugin } from './metrics/rate-limit.js';
import { EnvError, parseEnv } from './config/env.js';
import { createOctokitClass } from './github/octokit.js';
import { infraBot } from './index.js';
import { createWorkerPool } from './jobs/worker-pool.js';
import type { WorkerPool } from './jobs/worker-pool.js';
import { slackApprovalHandler } from './webhooks/on-approval-click.js';
import { JOB_KINDS } from './workflow/job-kinds.js';

const SHUTDOWN_GRACE_MS = 30_000;
/** One thread: on the 2-core machines infra-bot runs on, one core answers, the other runs job code. */
const DEFAULT_WORKER_THREADS = 1;
/**
 * A worker thread's young generation (V8's nursery; Node's default lets it grow to ~48 MB per thread). Job code
 * keeps little short-lived garbage: the 500-spec synth with the same nursery (`--max-semi-space-size=2`) took the
 * same CPU and 25 MB less memory; an idle thread costs ~10 MB less.
 */
const WORKER_YOUNG_GENERATION_MB = 6;
/** Which start-up step is running, so that a failure is reported as one line about that step. */
let startupStep: StartupStep = 'other';

async function main(): Promise<void> {
  // Credentials a previous set-up run wrote (the environment wins over the file).
  loadSetupEnvFile(setupEnvFile(process.env), process.env);
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`infra-bot: ${error.message}`);
    process.exit(1);
  }
  const problem = deploymentProblem(env);
  if (problem !== undefined) failStartup(problem);
  const log = await appLogger(env, process.env);
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    // No credentials yet: Probot's set-up pages register the GitHub App from app.yml; see setup-mode.ts.
    await runSetupMode({ log, env: process.env });
    return;
  }
  checkPrivateKey(env);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const threads = Number(env.INFRA_BOT_WORKERS ?? DEFAULT_WORKER_THREADS);
  // The job code (workflow, CDKTF, cloud SDKs) is loaded only where jobs run: with threads, the web process never
  // loads it (a smaller heap, nothing job-sized to collect). In-process, CDKTF is loaded now, since loading it
  // inside the first job would block webhook answers.
  const jobCode = threads === 0 ? await import('./app/job-runtime.js') : undefined;
  if (jobCode) (await import('./synth/engine.js')).engine();
  const clock = appClock(env);
  startupStep = 'store';
  const store = await openAppStore(env, dataDir, clock, log, webSqliteOptions(threads));
  const workerId = `${hostname()}:${process.pid}`;
  let pool: WorkerPool | undefined;
  let runtime: JobRuntime | undefined;
  const metrics = createMetrics({
    jobKinds: Object.values(JOB_KINDS),
    countJobs: () => store.countJobsByStateAndKind(),
    workerThreads: () => pool?.running() ?? 0,
  });
  observeAckLatency(metrics, process.env.WEBHOOK_PATH);
  const notifyWorker = () => (pool ? pool.notify() : runtime?.worker.notify());

  const appFn: ApplicationFunction = (app, options) => {
    const slackHandler = slackApprovalHandler(env.SLACK_SIGNING_SECRET, app.log, { store, notifyWorker });
    infraBot({
      store,
      clock,
      metrics,
      notifyWorker,
      workerRunning: () => (pool ? pool.running() > 0 : (runtime?.worker.isRunning() ?? false)),
      ...(slackHandler && { slackHandler }),
    })(app, options);
    options.addHandler(metricsHandler(metrics.registry, () => pool?.collectMetrics() ?? Promise.resolve([])));
    if (!jobCode) {
      pool = createWorkerPool({
        script: new URL('./app/worker-thread-main.js', import.meta.url),
        threads,
        workerIdPrefix: workerId,
        log: app.log,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      pool.start();
    } else {
      runtime = jobCode.startJobRuntime({
        app,
        env,
        rawEnv: process.env,
        store,
        clock,
        dataDir,
        metrics,
        workerId,
        notifyWorkers: notifyWorker,
        runSweeps: true,
      });
    }
  };

  startupStep = 'server';
  // Probot builds an Octokit for every delivery (context.octokit). With worker threads the web process never calls
  // GitHub, so it takes Probot's own class, the cheapest to build; the job code's clients are made in the threads.
  const Octokit = jobCode ? createOctokitClass().plugin(rateLimitPlugin(metrics)) : ProbotOctokit;
  const server = await run(appFn, { Octokit, log });
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down: no new jobs, running ones get a grace period');
    await Promise.all([pool?.stop({ graceMs: SHUTDOWN_GRACE_MS }), runtime?.stop(SHUTDOWN_GRACE_MS)]);
    await server.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

// main() resolves once the server listens: whatever rejects it is a start-up failure.
await main().catch((error: unknown) => failStartup(error, startupStep, process.env));
