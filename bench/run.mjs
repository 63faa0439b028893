// `npm run bench`: every performance figure the issues ask for, one benchmark after another (never timed tests).
// Each prints its own JSON or lines; run one alone with the command shown in its header.
// Options: --only name[,name] ; --skip name[,name]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ts = ['--import', './scripts/ts/register-ts.mjs'];
const BENCHES = [
  { name: 'synth', args: ['bench/synth.mjs', '--runs', '5'], what: 'validate + synth of 500 specs vs cdktf synth' },
  {
    name: 'plan-render',
    args: ['bench/plan-render.mjs', '5000', '15'],
    what: 'parse + summarise + render a 5,000-resource plan',
  },
  {
    name: 'webhook-ack',
    args: [...ts, 'bench/webhook-ack.ts'],
    what: 'webhook ack latency, 100 concurrent signed deliveries',
  },
  {
    name: 'edge-vs-probot',
    args: [...ts, 'bench/edge-vs-probot.ts'],
    what: 'webhook ack vs a bare Probot app (sequential, 100 concurrent), Slack ack, idle RSS, workers busy',
  },
  { name: 'deadline-sweep', args: ['bench/deadline-sweep.mjs'], what: 'deadline due-query over 10,000 deadlines' },
  { name: 'slack-ack', args: ['bench/slack-ack.mjs'], what: 'Slack action acknowledgement latency' },
  { name: 'review', args: ['bench/review.mjs'], what: 'intent summary + cost for 500 touched specs' },
  { name: 'access-review', args: ['bench/access-review.mjs'], what: 'access review of 10,000 users / 500 groups' },
  {
    name: 'identity-scale',
    args: ['bench/identity-scale.mjs'],
    what: 'validate + synth of 20,000 identity specs (500 groups), wall time and peak RSS',
  },
  {
    name: 'identity-onboarding',
    args: ['bench/identity-onboarding.mjs'],
    what: 'one onboarding PR in a 10,000-person org: stacks and resources planned, app-side time, per layout',
  },
  {
    name: 'replicas',
    args: [...ts, 'bench/replicas.ts'],
    what: '1 vs 3 replicas on PostgreSQL: throughput, idle RSS, ack under load',
  },
];

const list = (flag) => {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1]?.split(',');
};
const only = list('--only');
const skip = list('--skip') ?? [];
let failed = 0;
for (const bench of BENCHES) {
  if ((only && !only.includes(bench.name)) || skip.includes(bench.name)) continue;
  const script = bench.args.find((arg) => arg.startsWith('bench/'));
  if (!existsSync(join(root, script))) continue;
  console.log(`\n=== ${bench.name}: ${bench.what}`);
  const result = spawnSync(process.execPath, bench.args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`(${bench.name} exited with ${result.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
