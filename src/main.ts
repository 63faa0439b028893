// Process entry: parse the environment once, open the store, start Probot with the app and the job worker.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { run } from 'probot';
import { loadSetupEnvFile, runSetupMode, setupEnvFile } from './app/setup-mode.js';
import { checkPrivateKey } from './app/check-private-key.js';
import { deploymentProblem, failStartup } from './app/startup-errors.js';
import type { StartupStep } from './app/startup-errors.js';
import type { ApplicationFunction } from 'probot';
import { createServices } from './app/create-services.js';
import { appSecrets } from './app/terraform-env.js';
import { createRedactingLogger } from './logging/redacting-logger.js';
import { loggerOptionsFromEnv } from './logging/logger-env.js';
import { instrumentJobHandlers } from './metrics/instrument.js';
import { createMetrics } from './metrics/metrics.js';
import { metricsHandler } from './metrics/metrics-handler.js';
import { rateLimitPlugin } from './metrics/rate-limit.js';
import { EnvError, parseEnv } from './config/env.js';
import { createOctokitClass } from './github/octokit.js';
import { infraBot } from './index.js';
import { systemClock } from './jobs/clock.js';
import { createWorker } from './jobs/worker.js';
import type { Worker } from './jobs/worker.js';
import { openStore } from './store/open-store.js';
import { engine } from './synth/engine.js';
import { commandHandlers } from './workflow/commands/command-handlers.js';
import { jobHandlers } from './workflow/job-handlers.js';
import { createJobProblemReporter } from './workflow/report-job-problem.js';
import { fileOffsetClock } from './app/test-clock.js';
import { createSlackInteractions } from './slack/receiver.js';
import { sweepDeadlines } from './workflow/expiry/sweep-deadlines.js';
import { driftTick } from './workflow/drift/drift-schedule.js';
import { reconcile } from './workflow/reconcile/reconcile.js';
import type { GitHubClient } from './github/octokit.js';
import { JOB_KINDS } from './workflow/job-kinds.js';

const SHUTDOWN_GRACE_MS = 30_000;
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
  // Every log line goes through the redacting logger (tokens, keys, the app's own secrets never written).
  const log = await createRedactingLogger(loggerOptionsFromEnv(process.env, appSecrets(env, process.env)));
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    // No credentials yet: Probot's set-up pages register the GitHub App from app.yml; see setup-mode.ts.
    await runSetupMode({ log, env: process.env });
    return;
  }
  checkPrivateKey(env);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  // Load CDKTF now: loading it lazily inside the first job would block the event loop (and webhook answers).
  engine();
  const clock = env.INFRA_BOT_TEST_CLOCK_FILE ? fileOffsetClock(env.INFRA_BOT_TEST_CLOCK_FILE) : systemClock;
  startupStep = 'store';
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    clock,
    ...(env.DATABASE_SCHEMA && { schema: env.DATABASE_SCHEMA }),
    onIdleError: (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
  const metrics = createMetrics({
    jobKinds: Object.values(JOB_KINDS),
    countJobs: () => store.countJobsByStateAndKind(),
  });
  let worker: Worker | undefined;
  const notifyWorker = () => worker?.notify();

  let sweeper: NodeJS.Timeout | undefined;
  let drifter: NodeJS.Timeout | undefined;
  let reconciler: NodeJS.Timeout | undefined;

  const appFn: ApplicationFunction = (app, options) => {
    const slackHandler = env.SLACK_SIGNING_SECRET
      ? createSlackInteractions({
          signingSecret: env.SLACK_SIGNING_SECRET,
          log: app.log,
          // The click is only queued here; every check and API call runs in the job.
          onApprovalClick: async (click) => {
            await store.enqueue({
              kind: JOB_KINDS.handleApprovalClick,
              payload: click,
              retryPolicy: 'retry',
              maxAttempts: 5,
            });
            notifyWorker();
          },
        }).handler
      : undefined;
    infraBot({
      store,
      clock,
      metrics,
      notifyWorker,
      workerRunning: () => worker?.isRunning() ?? false,
      ...(slackHandler && { slackHandler }),
    })(app, options);
    options.addHandler(metricsHandler(metrics.registry));
    const services = createServices({ app, env, rawEnv: process.env, store, clock, dataDir, notifyWorker, metrics });
    const problems = createJobProblemReporter({ services, metrics });
    worker = createWorker({
      store,
      handlers: instrumentJobHandlers(metrics, jobHandlers(services, commandHandlers())),
      clock,
      log: app.log,
      workerId: `${hostname()}:${process.pid}`,
      concurrency: Number(env.INFRA_BOT_WORKERS ?? 2),
      // A crashed replica's jobs are taken over once their lease expires.
      leaseMs: Number(env.INFRA_BOT_JOB_LEASE_MS ?? 60_000),
      pollMs: 2_000,
      onJobFailed: (job, error) => problems.failed(job, error),
      onJobInterrupted: (job) => problems.interrupted(job),
    });
    worker.start();
    const sweepEvery = Number(env.INFRA_BOT_DEADLINE_SWEEP_MS ?? 15_000);
    sweeper = setInterval(() => {
      sweepDeadlines(services).catch((error: unknown) => app.log.error({ err: error }, 'deadline sweep failed'));
    }, sweepEvery);
    sweeper.unref();
    const driftEvery = Number(env.INFRA_BOT_DRIFT_TICK_MS ?? 600_000);
    drifter = setInterval(() => {
      driftTick(services, async () => (await app.auth()) as unknown as GitHubClient).catch((error: unknown) =>
        app.log.error({ err: error }, 'drift tick failed'),
      );
    }, driftEvery);
    drifter.unref();
    const reconcileEvery = Number(env.INFRA_BOT_RECONCILE_MS ?? 600_000);
    reconciler = setInterval(() => {
      reconcile(services, async () => (await app.auth()) as unknown as GitHubClient).catch((error: unknown) =>
        app.log.error({ err: error }, 'reconcile sweep failed'),
      );
    }, reconcileEvery);
    reconciler.unref();
  };

  startupStep = 'server';
  const server = await run(appFn, { Octokit: createOctokitClass().plugin(rateLimitPlugin(metrics)), log });
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down: no new jobs, running ones get a grace period');
    if (sweeper) clearInterval(sweeper);
    if (drifter) clearInterval(drifter);
    if (reconciler) clearInterval(reconciler);
    await worker?.stop({ graceMs: SHUTDOWN_GRACE_MS });
    await server.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

// main() resolves once the server listens: whatever rejects it is a start-up failure.
await main().catch((error: unknown) => failStartup(error, startupStep, process.env));
