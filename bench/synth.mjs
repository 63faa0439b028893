// Synth benchmark (issue "Foundation"): validate + synth of the 500-spec workload through the CLI, against
// `cdktf synth` on the equivalent hand-written CDKTF app (../shared/bench). Runs alternate; medians are reported.
// Usage: node bench/synth.mjs [--runs 5] [--no-cdktf]
// The CDKTF reference is installed once into $INFRA_BOT_BENCH_DIR (default: $TMPDIR/infra-bot-bench) with npm.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared', 'bench');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;
const withCdktf = !args.includes('--no-cdktf');
const work = process.env.INFRA_BOT_BENCH_DIR ?? join(tmpdir(), 'infra-bot-bench');
const workload = join(work, 'workload');
const reference = join(work, 'cdktf-ref');

rmSync(workload, { recursive: true, force: true });
mkdirSync(workload, { recursive: true });
execFileSync(process.execPath, [join(shared, 'gen-specs.mjs'), workload]);

if (withCdktf && !existsSync(join(reference, 'node_modules', '.bin', 'cdktf'))) {
  console.error(`installing the CDKTF reference app into ${reference} (once)…`);
  mkdirSync(reference, { recursive: true });
  for (const file of ['cdktf.json', 'main.js', 'package.json'])
    cpSync(join(shared, 'cdktf-ref', file), join(reference, file));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: reference, stdio: 'inherit' });
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/**
 * Runs a command, returns { seconds, rssMb, cpuSeconds } (peak RSS and user+system CPU time from /usr/bin/time when
 * available; on a busy machine CPU time is the steadier figure).
 */
function measure(command, commandArgs, cwd, env = {}) {
  const started = performance.now();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%e %M %U %S', command, ...commandArgs], {
        cwd,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      })
    : spawnSync(command, commandArgs, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [, rssKb, user, system] = timeBin ? last.split(' ').map(Number) : [];
  return { seconds, rssMb: (rssKb ?? NaN) / 1024, cpuSeconds: (user ?? NaN) + (system ?? NaN) };
}

const cdktfEnv = { CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_TELEMETRY: '1', CI: '1' };
const ours = [];
const theirs = [];
for (let run = 0; run < runs; run++) {
  if (withCdktf) theirs.push(measure(join(reference, 'node_modules', '.bin', 'cdktf'), ['synth'], reference, cdktfEnv));
  ours.push(measure(process.execPath, [join(root, 'bin', 'infra-bot.js'), 'synth', '--repo', 'acme/infra'], workload));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const stacks = readFileSync(join(workload, 'cdktf.out', 'manifest.json'), 'utf8').match(
  /"synthesizedStackPath"/g,
)?.length;
const report = {
  workload: '500 specs (10 groups, 90 users, 200 EC2, 200 S3) → ' + stacks + ' stacks',
  runs,
  infraBot: {
    medianSeconds: median(ours.map((r) => r.seconds)),
    medianCpuSeconds: median(ours.map((r) => r.cpuSeconds)),
    peakRssMb: Math.max(...ours.map((r) => r.rssMb)),
  },
  ...(withCdktf && {
    cdktfSynth: {
      medianSeconds: median(theirs.map((r) => r.seconds)),
      medianCpuSeconds: median(theirs.map((r) => r.cpuSeconds)),
      peakRssMb: Math.max(...theirs.map((r) => r.rssMb)),
    },
    medianRatio: median(ours.map((r, i) => r.seconds / theirs[i].seconds)),
  }),
};
console.log(JSON.stringify(report, null, 2));
