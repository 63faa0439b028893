// Webhook ack latency of infra-bot against a bare Probot 14 app (no-op handler), same run, same machine, same signed
// deliveries over loopback from this one process: 30 sequential, then 100 concurrent (3 rounds), while infra-bot's
// worker thread is kept busy evaluating PRs (synth + plan). Also Slack click acks under that load, and idle RSS
// with 0, 1 and 2 worker threads (the difference is a thread's share). Build first:
//   npm run build && node --import ./scripts/ts/register-ts.mjs bench/edge-vs-probot.ts [--idle]
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startGitHubDouble } from '../test/doubles/github/server.js';
import { appKey, freePort, repoRoot, sign, startApp, terraformSandbox } from '../test/e2e/support/app-process.js';
import type { AppProcess } from '../test/e2e/support/app-process.js';
import { WEBHOOK_SECRET } from '../test/e2e/support/app-process.js';
import { CONFIG, bucket } from '../test/e2e/support/fixtures.js';
import { clickRequest } from './slack-click.js';

const SLACK_SECRET = 'benchslacksigningsecret0123';
const key = appKey();
const github = await startGitHubDouble({ appId: 321, appPrivateKey: key });
github.addRepo({ owner: 'acme', repo: 'infra', installationId: 1, files: { '.github/infra.yml': CONFIG } });
const openPr = (branch: string, specs: number) => {
  const files = Object.fromEntries(
    Array.from({ length: specs }, (_, i) => [`infra-specs/data/${branch}-${i}.yaml`, bucket(`${branch}-${i}`)]),
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
const busy = Array.from({ length: 4 }, (_, i) => openPr(`busy${i}`, 6));
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
const botEnv = (workers: string) => ({
  APP_ID: '321',
  PRIVATE_KEY: key,
  WEBHOOK_SECRET,
  GHE_HOST: github.host,
  GHE_PROTOCOL: 'http',
  DATA_DIR: join(sandbox.dir, `data-${workers}`),
  PATH: `${sandbox.bin}:${process.env.PATH}`,
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  INFRA_BOT_WORKERS: workers,
});
const idle: Record<string, number> = {};
for (const workers of ['0', '2']) {
  const app = await startApp(botEnv(workers));
  await sleep(3000);
  idle[`workers${workers}`] = rssMb(app.child.pid!);
  await app.stop();
}
const bot: AppProcess = await startApp(botEnv('1'));
const bare = await startBare();
await sleep(3000);
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

async function measure(url: string, withLoad: boolean) {
  await Promise.all(Array.from({ length: 20 }, () => delivery(url))); // warm sockets and JIT
  if (withLoad) await keepBusy();
  const sequential: number[] = [];
  for (let i = 0; i < 30; i++) sequential.push(await delivery(url));
  const concurrent: number[] = [];
  for (let round = 0; round < 3; round++) {
    if (withLoad) await keepBusy();
    concurrent.push(...(await Promise.all(Array.from({ length: 100 }, () => delivery(url)))));
    await sleep(300);
  }
  return { sequential: quantiles(sequential), concurrent: quantiles(concurrent) };
}

const probot = await measure(bare.url, false);
// --idle: infra-bot's workers left idle, to tell the edge's own cost from the CPU the busy workers take.
const infraBot = await measure(bot.url, !process.argv.includes('--idle'));
await keepBusy();
const slack: number[] = [];
for (let round = 0; round < 3; round++) {
  slack.push(
    ...(await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const click = clickRequest(SLACK_SECRET, round * 100 + i);
        return post(bot.url, '/slack/events', click.body, click.headers);
      }),
    )),
  );
}
const metrics = await (await fetch(`${bot.url}/metrics`)).text();
const series = (name: string) =>
  metrics
    .split('\n')
    .find((line) => line.startsWith(`${name} `))
    ?.split(' ')[1];
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
console.log(
  JSON.stringify(
    {
      bareProbot: probot,
      infraBot,
      ratio: {
        sequentialP50: ratio(infraBot.sequential.p50, probot.sequential.p50),
        sequentialP99: ratio(infraBot.sequential.p99, probot.sequential.p99),
        concurrentP99: ratio(infraBot.concurrent.p99, probot.concurrent.p99),
      },
      slackAck: quantiles(slack),
      evaluations: {
        running: Number(series('infra_bot_jobs{state="running",kind="pr.evaluate"}') ?? 0),
        ok: Number(series('infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="ok"}') ?? 0),
        error: Number(series('infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="error"}') ?? 0),
        superseded: Number(series('infra_bot_jobs{state="superseded",kind="pr.evaluate"}') ?? 0),
        failed: Number(series('infra_bot_jobs{state="failed",kind="pr.evaluate"}') ?? 0),
      },
      queueDepthAtEnd: Number(series('infra_bot_job_queue_depth') ?? NaN),
      idleRssMb: { bareProbot: bareIdle, ...idle, oneThreadShare: idle.workers2! - idle.workers1 },
    },
    null,
    2,
  ),
);
agent.destroy();
bare.child.kill();
await bot.stop();
await github.close();
sandbox.cleanup();
