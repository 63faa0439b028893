// Replicas on PostgreSQL: queue throughput with 1 vs 3 replicas, idle memory of one replica, webhook ack latency
// with and without a backlog being worked. The built server (lib/main.js) runs as real processes against the GitHub
// double; each measurement gets its own PostgreSQL schema (dropped afterwards).
//
// The jobs: PR evaluations (`pr.evaluate`, the job every push creates) queued before any replica starts, exactly as
// the webhook handler queues them (delivery recorded + job enqueued in one transaction). `--mode noop` (default):
// the PRs touch no infra file, so each job reads the base config and the PR's files from GitHub and finishes with no
// terraform and no GitHub write — the queue's own cost (claim with SKIP LOCKED, lease, complete) plus two API reads.
// `--mode plan`: each PR adds a bucket, so each job validates, synthesises, runs terraform (the double: init, plan,
// show) and writes checks and a comment; Octokit's client-side write throttle (1 write/s, comments 3 s apart, per
// process) then bounds each replica to well under one job per second, so use a small --jobs.
// Usage: npm run build && node --import ./scripts/ts/register-ts.mjs bench/replicas.ts [--jobs 1000] [--mode noop]
//        [--workers 2] [--ack 100]
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/open-store.js';
import { JOB_KINDS, pullRequestKey } from '../src/workflow/job-kinds.js';
import type { EvaluatePullRequestPayload } from '../src/workflow/job-kinds.js';
import { startGitHubDouble } from '../test/doubles/github/server.js';
import { appKey, sign, startApp, terraformSandbox, WEBHOOK_SECRET } from '../test/e2e/support/app-process.js';
import type { AppProcess } from '../test/e2e/support/app-process.js';
import { CONFIG, bucket } from '../test/e2e/support/fixtures.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const JOBS = Number(option('--jobs', '1000'));
const MODE = option('--mode', 'noop') as 'noop' | 'plan';
const WORKERS = option('--workers', '2');
const ACK_BURST = Number(option('--ack', '100'));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OWNER = 'acme';
const REPO = 'infra';
const INSTALLATION = 1;

const key = appKey();
const github = await startGitHubDouble({ appId: 321, appPrivateKey: key });
github.addRepo({ owner: OWNER, repo: REPO, installationId: INSTALLATION, files: { '.github/infra.yml': CONFIG } });
const sandbox = terraformSandbox();
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();

let prSeq = 0;
function openPr(mode: 'noop' | 'plan' = MODE): number {
  prSeq += 1;
  const branch = `bench-${prSeq}`;
  const files =
    mode === 'plan' ? { [`infra-specs/data/b${prSeq}.yaml`]: bucket(`b${prSeq}`) } : { [`docs/${branch}.md`]: 'x\n' };
  github.commit(OWNER, REPO, branch, files, branch);
  return github.openPull({
    owner: OWNER,
    repo: REPO,
    head: branch,
    title: branch,
    user: { login: 'bruce', type: 'User' },
  });
}

function evaluation(pr: number): EvaluatePullRequestPayload {
  const pull = github.pullPayload(OWNER, REPO, pr) as { head: { sha: string }; base: { sha: string; ref: string } };
  return {
    installationId: INSTALLATION,
    owner: OWNER,
    repo: REPO,
    pr,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    author: 'bruce',
    title: `bench ${pr}`,
    trigger: 'opened',
  };
}

/** Queues `count` evaluations the way the webhook handler does; returns their job ids. */
async function queueJobs(schema: string, count: number): Promise<string[]> {
  const store = await openStore({ databaseUrl: PG_URL, dataDir: sandbox.dir, schema });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const pr = openPr();
    const { jobId } = await store.recordDeliveryAndEnqueue(
      { id: randomUUID(), event: 'pull_request', action: 'opened', repo: `${OWNER}/${REPO}`, receivedAt: new Date() },
      {
        kind: JOB_KINDS.evaluatePullRequest,
        payload: evaluation(pr),
        concurrencyKey: pullRequestKey({ owner: OWNER, repo: REPO }, pr),
        supersede: true,
        retryPolicy: 'retry',
      },
    );
    ids.push(jobId!);
  }
  await store.close();
  return ids;
}

async function startReplicas(schema: string, count: number): Promise<AppProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const dataDir = join(sandbox.dir, `${schema}-${index}`, 'data');
      mkdirSync(dirname(dataDir), { recursive: true });
      return startApp({
        APP_ID: '321',
        PRIVATE_KEY: key,
        WEBHOOK_SECRET,
        GHE_HOST: github.host,
        GHE_PROTOCOL: 'http',
        DATA_DIR: dataDir,
        PATH: `${sandbox.bin}:${process.env.PATH}`,
        AWS_ACCESS_KEY_ID: 'AKIABENCH00000000001',
        AWS_SECRET_ACCESS_KEY: 'bench-ambient-secret-key-0123456789',
        DATABASE_URL: PG_URL,
        DATABASE_SCHEMA: schema,
        INFRA_BOT_WORKERS: WORKERS,
      });
    }),
  );
}

async function jobStats(schema: string, ids: string[]) {
  const { rows } = await admin.query<{ done: number; failed: number; first: string; last: string; workers: number }>(
    `SELECT COUNT(*) FILTER (WHERE status = 'done')::int AS done,
            COUNT(*) FILTER (WHERE status IN ('failed', 'interrupted'))::int AS failed,
            MIN(started_at) AS first, MAX(finished_at) AS last, COUNT(DISTINCT worker_id)::int AS workers
     FROM "${schema}".jobs WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  return rows[0]!;
}

async function waitForEmptyQueue(schema: string): Promise<void> {
  for (;;) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM "${schema}".jobs WHERE status IN ('queued', 'running')`,
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const rssMb = (app: AppProcess) => {
  const line = readFileSync(`/proc/${app.child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Math.round(Number(line[1]) / 102.4) / 10 : NaN;
};

/** ACK_BURST concurrent signed deliveries to one replica: PR opened on as many different PRs (no infra file). */
async function ackBurst(app: AppProcess): Promise<number[]> {
  // Bodies and signatures are prepared before the clock starts; sockets are opened by a first, untimed burst.
  const bodies = Array.from({ length: ACK_BURST + 10 }, () => {
    const pr = openPr('noop');
    const text = JSON.stringify({
      action: 'opened',
      number: pr,
      pull_request: github.pullPayload(OWNER, REPO, pr),
      repository: github.repoPayload(OWNER, REPO),
      installation: { id: INSTALLATION },
      sender: { login: 'bruce', type: 'User', id: 7 },
    });
    return { text, signature: sign(text) };
  });
  const agent = new Agent({ keepAlive: true, maxSockets: ACK_BURST });
  const { port } = new URL(app.url);
  const post = ({ text, signature }: { text: string; signature: string }) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/github/webhooks',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'pull_request',
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': signature,
            'content-length': Buffer.byteLength(text),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(res.statusCode)));
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  await Promise.all(bodies.slice(0, 10).map(post));
  const latencies = await Promise.all(bodies.slice(10).map(post));
  agent.destroy();
  return latencies;
}

const round = (value: number) => Number(value.toFixed(2));
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1));
};

/** One measurement: queue the jobs, start the replicas, wait for the queue to drain. */
async function drain(replicaCount: number, during?: (apps: AppProcess[]) => Promise<void>) {
  const schema = `bench_replicas_${process.pid}_${replicaCount}`;
  try {
    const ids = await queueJobs(schema, JOBS);
    const apps = await startReplicas(schema, replicaCount);
    try {
      const duringDone = during?.(apps);
      const deadline = Date.now() + 30 * 60_000;
      let stats = await jobStats(schema, ids);
      while (stats.done + stats.failed < ids.length) {
        if (Date.now() > deadline) throw new Error(`${ids.length - stats.done - stats.failed} jobs never finished`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        stats = await jobStats(schema, ids);
      }
      await duringDone;
      const seconds = (Number(stats.last) - Number(stats.first)) / 1000;
      return { ...stats, seconds, perSecond: stats.done / seconds, rssMb: apps.map(rssMb) };
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

try {
  // Idle memory and idle ack latency: one replica with nothing to do.
  const idleSchema = `bench_replicas_${process.pid}_idle`;
  const [idle] = await startReplicas(idleSchema, 1);
  // V8 gives back the start-up peak (CDKTF loading) after some seconds of idleness: sample for 30 s.
  const idleSamples: number[] = [];
  for (let second = 0; second < 30; second++) {
    idleSamples.push(rssMb(idle!));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const idleRss = { afterStartMb: idleSamples[0], peakMb: Math.max(...idleSamples), settledMb: idleSamples.at(-1) };
  // A first burst warms the process (JIT, pooled connections); the timed one starts once its jobs are done.
  await ackBurst(idle!);
  await waitForEmptyQueue(idleSchema);
  const idleAck = await ackBurst(idle!);
  await idle!.stop();
  await admin.query(`DROP SCHEMA IF EXISTS "${idleSchema}" CASCADE`);

  const one = await drain(1);
  let loadedAck: number[] = [];
  let backlogAtBurst = 0;
  const three = await drain(3, async (apps) => {
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the backlog is being worked by then
    await ackBurst(apps[0]!); // warm-up, as for the idle figure
    const { rows } = await admin.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM "bench_replicas_${process.pid}_3".jobs WHERE status IN ('queued', 'running')`,
    );
    backlogAtBurst = rows[0]!.n;
    loadedAck = await ackBurst(apps[0]!);
  });
  console.log(
    JSON.stringify(
      {
        store: 'postgres',
        mode: MODE,
        jobs: JOBS,
        workersPerReplica: Number(WORKERS),
        cpus: (await import('node:os')).availableParallelism(),
        oneReplica: { seconds: one.seconds, jobsPerSecond: round(one.perSecond), failed: one.failed },
        threeReplicas: {
          seconds: three.seconds,
          jobsPerSecond: round(three.perSecond),
          failed: three.failed,
          replicasThatWorked: three.workers,
        },
        throughputRatio3to1: round(three.perSecond / one.perSecond),
        idleRss,
        rssAfterDrainMb: { oneReplica: one.rssMb, threeReplicas: three.rssMb },
        webhookAck: {
          concurrentDeliveries: ACK_BURST,
          idle: { p50Ms: p(idleAck, 0.5), p99Ms: p(idleAck, 0.99) },
          whileThreeReplicasDrainTheQueue: {
            p50Ms: p(loadedAck, 0.5),
            p99Ms: p(loadedAck, 0.99),
            jobsQueuedOrRunningAtBurst: backlogAtBurst,
          },
        },
      },
      null,
      2,
    ),
  );
} finally {
  await admin.end();
  await github.close();
  sandbox.cleanup();
}
