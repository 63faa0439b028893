// Identity at organisation scale (issue 13): validate + synth of 20,000 specs (500 OktaGroups, 19,500 OktaUsers
// in 1–3 groups each) generated in a temp dir, through the CLI as people and CI run it. Targets: < 10 s wall and
// < 1 GB peak RSS for `infra-bot synth` (which validates first). Also times `infra-bot validate` alone, and one
// in-process run split into read / validate / synth / write. Runs alternate; medians are reported. Build first:
// The per-spec layout (a stack per spec: 20,000 stacks) is measured as well as the shared one.
//   npx tsc -p tsconfig.json && node bench/identity-scale.mjs [--runs 3] [--specs 20000] [--groups 500] [--layout shared|per-spec]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('runs', 3);
const specCount = option('specs', 20_000);
const groupCount = option('groups', 500);
const layoutAt = args.indexOf('--layout');
const layouts = layoutAt >= 0 ? [args[layoutAt + 1]] : ['shared', 'per-spec'];
const LIMITS = { wallSeconds: 10, rssMb: 1024 };
const cli = join(root, 'bin', 'infra-bot.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(join(root, 'lib', 'cli.js'))) {
  console.error('lib/ is missing: build first with `npx tsc -p tsconfig.json`');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'infra-bot-identity-scale-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (results) => ({
  medianSeconds: round(median(results.map((r) => r.seconds))),
  medianCpuSeconds: round(median(results.map((r) => r.cpuSeconds))),
  peakRssMb: Math.round(Math.max(...results.map((r) => r.rssMb))),
});
try {
  generate(work);
  const report = {
    workload: `${specCount} specs (${groupCount} OktaGroups, ${specCount - groupCount} OktaUsers in 1–3 groups each)`,
    runs,
    targets: { seconds: LIMITS.wallSeconds, rssMb: LIMITS.rssMb },
  };
  let within = true;
  for (const layout of layouts) {
    writeConfig(work, layout);
    const synth = [];
    const validate = [];
    for (let run = 0; run < runs; run++) {
      validate.push(measure(['validate'], work));
      synth.push(measure(['synth', '--repo', 'acme/infra'], work));
    }
    const phases = inProcessPhases(work);
    const entry = {
      validate: summary(validate),
      validateAndSynth: { ...summary(synth), resources: phases.resources, stacks: phases.stacks },
      inProcessMs: phases.ms,
    };
    const { medianSeconds, peakRssMb } = entry.validateAndSynth;
    entry.withinTargets = medianSeconds < LIMITS.wallSeconds && peakRssMb < LIMITS.rssMb;
    within &&= entry.withinTargets;
    report[layout] = entry;
  }
  report.withinTargets = within;
  console.log(JSON.stringify(report, null, 2));
  if (!report.withinTargets) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The specs folder and a repo config with a state bucket (the production shape of the backend block). */
function generate(dir) {
  const specs = join(dir, 'infra-specs');
  mkdirSync(join(specs, 'groups'), { recursive: true });
  mkdirSync(join(specs, 'people'), { recursive: true });
  for (let g = 0; g < groupCount; g++) {
    writeFileSync(
      join(specs, 'groups', `team-${g}.yaml`),
      `apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team-${g}\nspec:\n  displayName: Team ${g}\n  description: Everyone in team ${g}\n`,
    );
  }
  for (let u = 0; u < specCount - groupCount; u++) {
    // 1–3 distinct groups, spread over all of them.
    const groups = [
      ...new Set([u % groupCount, (u * 7 + 3) % groupCount, (u * 13 + 5) % groupCount].slice(0, 1 + (u % 3))),
    ];
    writeFileSync(
      join(specs, 'people', `user-${u}.yaml`),
      `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: user-${u}\n  owner: '@people-ops'\nspec:\n` +
        `  email: user.${u}@demoac.com\n  firstName: User\n  lastName: Number${u}\n  title: Engineer\n` +
        `  department: Team ${u % groupCount}\n  groups: [${groups.map((g) => `team-${g}`).join(', ')}]\n`,
    );
  }
}

/** A repo config with a state bucket (the production shape of the backend block) and the identity layout. */
function writeConfig(dir, layout) {
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(
    join(dir, '.github', 'infra.yml'),
    `specsDir: infra-specs\nterraform:\n  stateBucket: acme-tfstate\n  stateRegion: us-east-1\nidentity:\n  stackLayout: ${layout}\n`,
  );
}

/** One CLI run: wall seconds, and peak RSS and user+system CPU from /usr/bin/time when it is there. */
function measure(cliArgs, cwd) {
  const command = [cli, ...cliArgs];
  const started = performance.now();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%M %U %S', process.execPath, ...command], { cwd, encoding: 'utf8' })
    : spawnSync(process.execPath, command, { cwd, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`infra-bot ${cliArgs.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  const [rssKb, user, system] = timeBin ? (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  return { seconds, rssMb: (rssKb ?? NaN) / 1024, cpuSeconds: (user ?? NaN) + (system ?? NaN) };
}

/** One run in a child process, each step timed on its own (the steps `infra-bot synth` takes). */
function inProcessPhases(cwd) {
  const lib = (path) => JSON.stringify(new URL(`../lib/${path}`, import.meta.url).href);
  const script = `
    import { readFileSync } from 'node:fs';
    import { readSpecTree } from ${lib('specs/read-spec-tree.js')};
    import { validateSpecs } from ${lib('specs/validate-specs.js')};
    import { synthSettingsFrom } from ${lib('config/synth-settings.js')};
    import { synthesize, writeSynthOutput } from ${lib('synth/synthesize.js')};
    const ms = {};
    const time = async (name, fn) => { const t = performance.now(); const v = await fn(); ms[name] = Math.round(performance.now() - t); return v; };
    const files = await time('read', () => readSpecTree(process.cwd(), 'infra-specs'));
    const configText = readFileSync('.github/infra.yml', 'utf8');
    const result = await time('validate', () => validateSpecs({ files, configText, now: new Date() }));
    if (!result.ok) throw new Error(result.diagnostics.slice(0, 3).map((d) => d.message).join('; '));
    const settings = synthSettingsFrom(result.config, { repository: 'acme/infra', localStateDir: '/tmp/state' });
    const stacks = await time('synth', () => synthesize(result.specs, { settings }));
    await time('write', () => writeSynthOutput('cdktf.out', stacks, { pruneOthers: true }));
    const resources = stacks.reduce((sum, stack) => sum + stack.resourceCount, 0);
    console.log(JSON.stringify({ ms, resources, stacks: stacks.length }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`in-process run failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function round(value) {
  return Math.round(value * 100) / 100;
}
