// A worker thread's entry: its own store connection, GitHub App client, Slack/Okta/AWS clients and worker, claiming
// jobs from the store like a replica. CPU-heavy steps (tarballs, YAML, synth, plan rendering) run here, never on the
// web process's event loop. Messages: see jobs/worker-thread-protocol.ts.
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createProbot } from 'probot';
import { parseEnv } from '../config/env.js';
import { createOctokitClass } from '../github/octokit.js';
import type { ParentMessage, ThreadMessage, ThreadStart } from '../jobs/worker-thread-protocol.js';
import { createMetrics } from '../metrics/metrics.js';
import { rateLimitPlugin } from '../metrics/rate-limit.js';
import { JOB_KINDS } from '../workflow/job-kinds.js';
import { startJobRuntime } from './job-runtime.js';
import { WORKER_SQLITE_OPTIONS, appClock, appLogger, openAppStore } from './process-setup.js';

const SHUTDOWN_ABORT_MS = 5_000;
/** nice +10 for this thread only (Linux priorities are per thread): on 2 cores, the edge gets the CPU first. */
const JOB_NICENESS = 10;

function lowerPriority(log: { warn(obj: object, msg: string): void }): void {
  try {
    setPriority(JOB_NICENESS);
  } catch (error) {
    log.warn({ err: String(error) }, 'could not lower the worker thread priority; jobs compete with acks for CPU');
  }
}

async function main(port: NonNullable<typeof parentPort>, start: ThreadStart): Promise<void> {
  const send = (message: ThreadMessage) => port.postMessage(message);
  const env = parseEnv(process.env);
  const log = (await appLogger(env, process.env)).child({ workerId: start.workerId });
  lowerPriority(log);
  const clock = appClock(env);
  const store = await openAppStore(env, resolve(env.DATA_DIR ?? 'data'), clock, log, WORKER_SQLITE_OPTIONS);
  // Job metrics only: the process metrics and the store's job counts come from the web process once.
  const metrics = createMetrics({ jobKinds: Object.values(JOB_KINDS), defaultMetrics: false });
  const app = createProbot({
    env: process.env,
    overrides: { log, Octokit: createOctokitClass().plugin(rateLimitPlugin(metrics)) },
  });
  const runtime = startJobRuntime({
    app,
    env,
    rawEnv: process.env,
    store,
    clock,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    metrics,
    workerId: start.workerId,
    notifyWorkers: () => {
      runtime.worker.notify();
      send({ type: 'notify' });
    },
    runSweeps: start.runSweeps,
  });

  port.on('message', (message: ParentMessage) => {
    if (message.type === 'notify') runtime.worker.notify();
    else if (message.type === 'metrics') {
      void metrics.registry.getMetricsAsJSON().then(
        (json) => send({ type: 'metrics', id: message.id, metrics: json }),
        () => send({ type: 'metrics', id: message.id, metrics: [] }),
      );
    } else if (message.type === 'stop') {
      void runtime
        .stop(message.graceMs)
        .catch((error: unknown) => log.error({ err: error }, 'stopping the worker thread failed'))
        .then(() => store.close())
        .catch((error: unknown) => log.warn({ err: error }, 'closing the store failed'))
        .finally(() => {
          send({ type: 'stopped' });
          port.close();
          setTimeout(() => process.exit(0), SHUTDOWN_ABORT_MS).unref();
        });
    }
  });
  send({ type: 'ready' });
}

if (!parentPort) throw new Error('worker-thread-main runs as a worker thread (infra-bot starts it itself)');
await main(parentPort, workerData as ThreadStart);
