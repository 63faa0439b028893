// Times the acknowledgement of signed Slack approval clicks (target: p99 < 300 ms). Build first:
//   npx tsc -p tsconfig.json && node bench/slack-ack.mjs [clicks] [concurrency]
// The receiver runs exactly as in the app (signature check by bolt's ExpressReceiver, then the hand-off, then ack)
// on a plain HTTP server; the hand-off is an in-memory push, so this measures our path, not a database. Two numbers:
// server time (request in → response finished: what Slack's 3 s budget is about) and the round trip seen by the
// client, which shares this process and its event loop (so at high concurrency it mostly measures the client).
import { createHmac } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createSlackInteractions } from '../lib/slack/receiver.js';
import { encodeApprovalValue } from '../lib/approval/approval-value.js';
import { APPROVE_ACTION_ID } from '../lib/slack/approval-click.js';

const clicks = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 1);
const signingSecret = 'bench-signing-secret';
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const queued = [];
const serverTimes = [];
const slack = createSlackInteractions({
  signingSecret,
  log: silent,
  onApprovalClick: (click) => void queued.push(click),
});
const server = createServer((req, res) => {
  const started = performance.now();
  res.once('finish', () => serverTimes.push(performance.now() - started));
  slack.handler(req, res).then((handled) => handled || res.writeHead(404).end());
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/slack/events`;

const value = encodeApprovalValue({
  repo: 'acme/infra',
  pr: 42,
  headSha: 'a'.repeat(40),
  planIds: ['plan-1', 'plan-2'],
});
function signedClick(i) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0TEST' },
    team: { id: 'T0TEST', domain: 'acme' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0APPROVALS' },
    channel: { id: 'C0APPROVALS' },
    actions: [{ action_id: APPROVE_ACTION_ID, type: 'button', value, action_ts: `1700000100.${i}` }],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
function one(i) {
  const { body, headers } = signedClick(i);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.once('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`click ${i}: HTTP ${res.statusCode}`)),
      );
    });
    req.once('error', reject);
    req.end(body);
  });
}

for (let i = 0; i < 20; i += 1) await one(-i); // warm-up: JIT, connection pool
queued.length = 0;
serverTimes.length = 0;
const times = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < clicks) times.push(await one(next++));
  }),
);
agent.destroy();
server.closeAllConnections();
server.close();

function summary(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)].toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
}
console.log(`slack ack: ${clicks} signed clicks, concurrency ${concurrency}, target p99 < 300 ms`);
console.log(`  server time: ${summary(serverTimes)}`);
console.log(`  round trip:  ${summary(times)}`);
console.log(`  handed over: ${queued.length}`);
const p99 = [...serverTimes].sort((a, b) => a - b)[Math.ceil(serverTimes.length * 0.99) - 1];
if (queued.length !== clicks || p99 >= 300) process.exitCode = 1;
