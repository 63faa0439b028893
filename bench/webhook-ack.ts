// Webhook acknowledgement latency: the built server (lib/main.js) as a process, 100 concurrent signed deliveries
// (pull_request opened, each one recorded and enqueued), answer times measured at the client. The GitHub double
// serves the API the worker then calls.
// Usage: npm run build && node --import ./scripts/ts/register-ts.mjs bench/webhook-ack.ts [--deliveries 100] [--rounds 3]
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { startGitHubDouble } from '../test/doubles/github/server.js';
import { appKey, sign, startApp, terraformSandbox, WEBHOOK_SECRET } from '../test/e2e/support/app-process.js';
import { CONFIG, bucket } from '../test/e2e/support/fixtures.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const deliveries = option('--deliveries', 100);
const rounds = option('--rounds', 3);
const databaseUrl = process.env.BENCH_DATABASE_URL;

const key = appKey();
const github = await startGitHubDouble({ appId: 321, appPrivateKey: key });
github.addRepo({ owner: 'acme', repo: 'infra', installationId: 1, files: { '.github/infra.yml': CONFIG } });
github.commit('acme', 'infra', 'b', { 'infra-specs/data/a.yaml': bucket('bench-a') }, 'bench');
const pr = github.openPull({
  owner: 'acme',
  repo: 'infra',
  head: 'b',
  title: 'bench',
  user: { login: 'bruce', type: 'User' },
});
const sandbox = terraformSandbox();
const app = await startApp(
  {
    APP_ID: '321',
    PRIVATE_KEY: key,
    WEBHOOK_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    DATA_DIR: sandbox.dataDir,
    PATH: `${sandbox.bin}:${process.env.PATH}`,
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  },
  process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
);
const payload = {
  action: 'synchronize',
  number: pr,
  pull_request: github.pullPayload('acme', 'infra', pr),
  repository: github.repoPayload('acme', 'infra'),
  installation: { id: 1 },
  sender: { login: 'bruce', type: 'User', id: 7 },
};
// BENCH_EVENT=ignored: a comment that is not a command (answered without touching the store), to separate the
// HTTP + signature + Probot cost from the store's.
const ignored = process.env.BENCH_EVENT === 'ignored';
const event = ignored ? 'issue_comment' : 'pull_request';
const body = ignored
  ? {
      action: 'created',
      issue: github.issuePayload('acme', 'infra', pr),
      comment: { id: 1, body: 'looks good', user: { login: 'bruce', type: 'User' } },
      repository: github.repoPayload('acme', 'infra'),
      installation: { id: 1 },
      sender: { login: 'bruce', type: 'User', id: 7 },
    }
  : payload;
// Bodies and signatures are prepared before the clock starts, and sockets are kept open, so the figure is the
// server's answer time, not this client's preparation.
const agent = new Agent({ keepAlive: true, maxSockets: deliveries });
const { port } = new URL(app.url);
const text = JSON.stringify(body);
const headers = {
  'content-type': 'application/json',
  'x-github-event': event,
  'x-hub-signature-256': sign(text),
  'content-length': Buffer.byteLength(text),
};
const post = (id: string) =>
  new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        agent,
        headers: { ...headers, 'x-github-delivery': id },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
await Promise.all(Array.from({ length: deliveries }, () => post(randomUUID()))); // warm the sockets
const latencies: number[] = [];
let failures = 0;
for (let round = 0; round < rounds; round++) {
  const ids = Array.from({ length: deliveries }, () => randomUUID());
  const results = await Promise.all(ids.map(post));
  for (const result of results) {
    if (result.status !== 200) failures++;
    latencies.push(result.ms);
  }
  await new Promise((r) => setTimeout(r, 500));
}
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(
  JSON.stringify(
    {
      store: databaseUrl ? 'postgres' : 'sqlite',
      concurrentDeliveries: deliveries,
      rounds,
      failures,
      p50Ms: Number(at(0.5).toFixed(1)),
      p99Ms: Number(at(0.99).toFixed(1)),
      maxMs: Number(latencies[latencies.length - 1]!.toFixed(1)),
    },
    null,
    2,
  ),
);
await app.stop();
await github.close();
sandbox.cleanup();
