// Webhook ack latency of infra-bot against a bare Probot 14 app (no-op handler), same run, same machine, same signed
// deliveries over loopback from this one process. After a warm-up, N rounds (default 7), each app in turn (the
// order alternating) gets 30 sequential deliveries then 100 concurrent ones, while infra-bot's worker thread is
// kept busy evaluating PRs (synth + plan): one PR of --groups Okta groups (one identity stack) and three of six
// buckets, pushed again every 2 s. Figures are medians over rounds; ratios are medians of each round's
// infra-bot/bare ratio, so a burst of load from elsewhere on a 2-core machine hits both sides of a ratio alike.
// Also: the main thread's CPU per delivery (/proc, both apps), the jobs' CPU (thread + terraform children) and the
// busiest non-main thread's, Slack click acks under the same load, and idle RSS (6 s after start) with 0, 1 and 2
// worker threads (the 2−1 difference is one thread's share). Build first:
//   npm run build && node --import ./scripts/ts/register-ts.mjs bench/edge-vs-probot.ts [--rounds 7] [--idle]
//     [--groups 400]; BENCH_DEBUG=info|debug prints infra-bot's log and the GitHub calls the jobs made.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startGitHubDouble } from '../test/doubles/github/server.js';
import { startOktaDouble } from '../test/doubles/okta/server.js';
import { appKey, freePort, repoRoot, sign, startApp, terraformSandbox } from '../test/e2e/support/app-process.js';
import type { AppProcess } from '../test/e2e/support/app-process.js';
import { WEBHOOK_SECRET } from '../test/e2e/support/app-process.js';
import { CONFIG, bucket } from '../test/e2e/support/fixtures.js';
import { clickRequest } from './slack-click.js';

const SLACK_SECRET = 'benchslacksigningsecret0123';
const OKTA_TOKEN = 'bench-okta-token-0123456789';
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROUNDS = option('--rounds', 7);
// --idle: infra-bot's workers left idle, to tell the edge's own cost from the CPU the busy workers take.
const withLoad = !process.argv.includes('--idle');
// The busy PR's Okta groups: one identity stack of that many resources, so synth, the plan's JSON and its
// rendering keep the worker thread on the CPU (the bucket PRs alone mostly wait on terraform child processes).
const GROUPS = option('--groups', 400);
const key = appKey();
const okta = await startOktaDouble({ token: OKTA_TOKEN });
const github = await startGitHubDouble({ appId: 321, appPrivateKey: key });
github.addRepo({ owner: 'acme', repo: 'infra', installationId: 1, files: { '.github/infra.yml': CONFIG } });
const group = (name: string) => `apiVersion: infra-bot/v1
kind: OktaGroup
metadata:
  name: ${name}
  owner: lead@demoac.com
spec:
  description: The ${name} team
`;
const openPr = (branch: string, specs: number, spec = bucket, dir = 'data') => {
  const files = Object.fromEntries(
    Array.from({ length: specs }, (_, i) => [`infra-specs/${dir}/${branch}-${i}.yaml`, spec(`${branch}-${i}`)]),
  );
  github.commit('acme', 'infra', branch, files, branch);
  return github.openPull({
    owner: 'acme',
    repo: 'infra',
    head: branch,
    title: branch,
    user: { login: 'bruce', type: 'User' },
  });
};
const measured = openPr('measured', 1);
const busy = [
  openPr('groups', GROUPS, group, 'identity'),
  ...Array.from({ length: 3 }, (_, i) => openPr(`busy${i}`, 6)),
];
const prBody = (pr: number) =>
  JSON.stringify({
    action: 'synchronize',
    number: pr,
    pull_request: github.pullPayload('acme', 'infra', pr),
    repository: github.repoPayload('acme', 'infra'),
    installation: { id: 1 },
    sender: { login: 'bruce', type: 'User', id: 7 },
  });

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'bench', 'bare-probot.mjs')], {
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: '321',
      PRIVATE_KEY: key,
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${url}/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await sleep(100);
  }
  throw new Error('the bare Probot app did not start');
}

const sandbox = terraformSandbox();
// The plans must succeed (a failing plan ends the job before its rendering): the double skips provider auth.
sandbox.setFaults({ TF_DOUBLE_SKIP_PROVIDER_AUTH: '1' });
const botEnv = (workers: string) => ({
  APP_ID: '321',
  PRIVATE_KEY: key,
  WEBHOOK_SECRET,
  GHE_HOST: github.host,
  GHE_PROTOCOL: 'http',
  DATA_DIR: join(sandbox.dir, `data-${workers}`),
  PATH: `${sandbox.bin}:${process.env.PATH}`,
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  OKTA_ORG_URL: okta.url,
  OKTA_API_TOKEN: OKTA_TOKEN,
  INFRA_BOT_WORKERS: workers,
  ...(process.env.BENCH_DEBUG && { LOG_LEVEL: process.env.BENCH_DEBUG === 'debug' ? 'debug' : 'info' }),
});
const idle: Record<string, number> = {};
for (const workers of ['0', '2']) {
  const app = await startApp(botEnv(workers));
  await sleep(6000);
  idle[`workers${workers}`] = rssMb(app.child.pid!);
  await app.stop();
}
const bot: AppProcess = await startApp(botEnv('1'));
const bare = await startBare();
await sleep(6000);
idle.workers1 = rssMb(bot.child.pid!);
const bareIdle = rssMb(bare.child.pid!);

const agent = new Agent({ keepAlive: true, maxSockets: 200 });
const post = (url: string, path: string, body: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const { port } = new URL(url);
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
const measuredBody = prBody(measured);
const delivery = (url: string) =>
  post(url, '/api/github/webhooks', measuredBody, {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-github-delivery': randomUUID(),
    'x-hub-signature-256': sign(measuredBody),
  });
// Keeps infra-bot's worker evaluating: a new push on each busy PR (the newest supersedes the queued one).
const keepBusy = () =>
  Promise.all(
    busy.map((pr) => {
      const body = prBody(pr);
      return post(bot.url, '/api/github/webhooks', body, {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': sign(body),
      });
    }),
  );
const quantiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: Number(at(0.5).toFixed(1)), p99: Number(at(0.99).toFixed(1)) };
};
const median = (values: number[]) => quantiles(values).p50;
/** CPU seconds the process's main thread (the one answering HTTP) has used: utime + stime of its task. */
// utime + stime (+ cutime + cstime: the terraform runs, child processes), in clock ticks of 10 ms (USER_HZ 100).
const cpuMs = (statFile: string, withChildren = false) => {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ').map(Number);
  return (fields[11]! + fields[12]! + (withChildren ? fields[13]! + fields[14]! : 0)) * 10;
};
const mainThreadCpuMs = (pid: number) => cpuMs(`/proc/${pid}/task/${pid}/stat`);
/** CPU ms of each thread but the main one (Node 20 does not name threads: the job thread is the busiest of them). */
const otherThreadsCpuMs = (pid: number) =>
  new Map(
    readdirSync(`/proc/${pid}/task`)
      .filter((tid) => tid !== String(pid))
      .map((tid) => [tid, cpuMs(`/proc/${pid}/task/${tid}/stat`)]),
  );
const processCpuMs = (pid: number) => cpuMs(`/proc/${pid}/stat`, true);

interface Round {
  sequential: { p50: number; p99: number };
  concurrentP99: number;
}
async function round(url: string): Promise<Round> {
  const sequential: number[] = [];
  for (let i = 0; i < 30; i++) sequential.push(await delivery(url));
  const concurrent = await Promise.all(Array.from({ length: 100 }, () => delivery(url)));
  return { sequential: quantiles(sequential), concurrentP99: quantiles(concurrent).p99 };
}
const summarise = (rounds: Round[]) => ({
  sequential: { p50: median(rounds.map((r) => r.sequential.p50)), p99: median(rounds.map((r) => r.sequential.p99)) },
  concurrentP99: median(rounds.map((r) => r.concurrentP99)),
});

const scrape = async () => (await fetch(`${bot.url}/metrics`)).text();
const series = (metrics: string, name: string) =>
  metrics
    .split('\n')
    .find((line) => line.startsWith(`${name} `))
    ?.split(' ')[1];
// From the store (the web process counts jobs by state), so a worker thread busy in a synth cannot hide it.
const evaluationsDone = (metrics: string) =>
  Number(series(metrics, 'infra_bot_jobs{state="done",kind="pr.evaluate"}') ?? 0);
if (withLoad) {
  // The first evaluation loads the job code (CDKTF, SDKs): wait for it, so the rounds run against warm, busy workers.
  await keepBusy();
  for (let waited = 0; evaluationsDone(await scrape()) === 0; waited += 250) {
    if (waited > 120_000) throw new Error('no PR evaluation finished within 2 minutes');
    await sleep(250);
  }
}
// Warm-up: sockets, JIT, SQLite pages; then the worker is kept busy for the whole measurement, both apps' turns
// (the same machine for both: the bare app also shares the cores with infra-bot's worker thread). After the wait
// above: a keep-alive socket idle past the server's 5 s keepAliveTimeout would be reset under the first round.
for (const url of [bare.url, bot.url])
  for (let i = 0; i < 5; i++) await Promise.all(Array.from({ length: 40 }, () => delivery(url)));
const doneBefore = evaluationsDone(await scrape());
const busyTimer = withLoad ? setInterval(() => void keepBusy(), 2_000) : undefined;
// Rounds alternate which app goes first, so a burst of load from elsewhere on the machine hits both alike; the
// figures are medians over rounds, and the ratios are medians of each round's own ratio (paired).
const rounds: Record<'bare' | 'bot', Round[]> = { bare: [], bot: [] };
const cpuBefore = {
  bare: mainThreadCpuMs(bare.child.pid!),
  bot: mainThreadCpuMs(bot.child.pid!),
  botProcess: processCpuMs(bot.child.pid!),
  botThreads: otherThreadsCpuMs(bot.child.pid!),
  at: performance.now(),
};
for (let r = 0; r < ROUNDS; r++) {
  for (const who of r % 2 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const)) {
    rounds[who].push(await round(who === 'bare' ? bare.url : bot.url));
    await sleep(200);
  }
}
const deliveriesPerApp = ROUNDS * 130;
const cpuPerDelivery = {
  bareProbot: Number(((mainThreadCpuMs(bare.child.pid!) - cpuBefore.bare) / deliveriesPerApp).toFixed(2)),
  infraBot: Number(((mainThreadCpuMs(bot.child.pid!) - cpuBefore.bot) / deliveriesPerApp).toFixed(2)),
};
// The CPU infra-bot's jobs used per second of the rounds: the worker thread, libuv's pool and the terraform child
// processes (1000 = one core kept busy).
const jobsCpuMsPerS = Math.round(
  ((processCpuMs(bot.child.pid!) - cpuBefore.botProcess - (mainThreadCpuMs(bot.child.pid!) - cpuBefore.bot)) * 1000) /
    (performance.now() - cpuBefore.at),
);
const busiestThreadCpuMsPerS = Math.round(
  (Math.max(
    0,
    ...[...otherThreadsCpuMs(bot.child.pid!)].map(([tid, ms]) => ms - (cpuBefore.botThreads.get(tid) ?? 0)),
  ) *
    1000) /
    (performance.now() - cpuBefore.at),
);
const pairedRatio = (pick: (r: Round) => number) =>
  Number(median(rounds.bot.map((r, i) => pick(r) / pick(rounds.bare[i]!))).toFixed(2));
const probot = summarise(rounds.bare);
const infraBot = summarise(rounds.bot);

const slack: number[] = [];
for (let r = 0; r < 3; r++) {
  const clicks = Array.from({ length: 50 }, (_, i) => clickRequest(SLACK_SECRET, r * 100 + i));
  slack.push(quantiles(await Promise.all(clicks.map((c) => post(bot.url, '/slack/events', c.body, c.headers)))).p99);
}
clearInterval(busyTimer);
const metrics = await scrape();
console.log(
  JSON.stringify(
    {
      rounds: ROUNDS,
      workersBusy: withLoad,
      bareProbot: probot,
      infraBot,
      ratio: {
        sequentialP50: pairedRatio((r) => r.sequential.p50),
        sequentialP99: pairedRatio((r) => r.sequential.p99),
        concurrentP99: pairedRatio((r) => r.concurrentP99),
      },
      mainThreadCpuMsPerDelivery: cpuPerDelivery,
      infraBotJobsCpuMsPerSecond: jobsCpuMsPerS,
      infraBotJobThreadCpuMsPerSecond: busiestThreadCpuMsPerS,
      slackAckP99: median(slack),
      evaluations: {
        doneDuringRounds: evaluationsDone(metrics) - doneBefore,
        running: Number(series(metrics, 'infra_bot_jobs{state="running",kind="pr.evaluate"}') ?? 0),
        superseded: Number(series(metrics, 'infra_bot_jobs{state="superseded",kind="pr.evaluate"}') ?? 0),
        failed: Number(series(metrics, 'infra_bot_jobs{state="failed",kind="pr.evaluate"}') ?? 0),
      },
      queueDepthAtEnd: Number(series(metrics, 'infra_bot_job_queue_depth') ?? NaN),
      idleRssMb: {
        bareProbot: bareIdle,
        ...idle,
        oneThreadShare: idle.workers2! - idle.workers1!,
        mainThreadShare: 2 * idle.workers1! - idle.workers2!,
      },
    },
    null,
    2,
  ),
);
// BENCH_DEBUG=1: infra-bot logs at info, printed at the end (job outcomes, terraform runs).
if (process.env.BENCH_DEBUG) {
  const calls = (paths: string[]) => {
    const counts = new Map<string, number>();
    for (const path of paths) counts.set(path.replace(/\d+/g, 'N'), (counts.get(path.replace(/\d+/g, 'N')) ?? 0) + 1);
    return [...counts].map(([path, n]) => `${n} ${path}`);
  };
  console.error(bot.output(), metrics);
  console.error(calls(github.requests.map((r) => `${r.method} ${r.path}`)), calls(okta.requests.map((r) => r.path)));
}
agent.destroy();
bare.child.kill();
await bot.stop();
await github.close();
await okta.close();
sandbox.cleanup();
