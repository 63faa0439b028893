// Identity at organisation scale (issue 13): what one onboarding PR costs in an org of 10,000 OktaUsers in 500
// groups, in each identity.stackLayout. In one process, as the evaluation does it: validate base and head, synthesise
// the stacks whose inputs differ on both sides (synth/synthesize.ts stacksToCompare), compare them
// (workflow/affected-stacks.ts). Reports the stacks the PR plans, their managed resources (what
// terraform plans) and the resources already in their state (what a refresh reads: the new person's stack has none;
// an edit of an existing person's stack reads 2), and the app-side time of those steps (target < 3 s). Build first:
//   npx tsc -p tsconfig.json && node bench/identity-onboarding.mjs [--users 10000] [--groups 500] [--runs 3]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const users = option('users', 10_000);
const groups = option('groups', 500);
const runs = option('runs', 3);
const TARGETS = { plannedResources: 10, appSideSeconds: 3 };
if (!existsSync(join(root, 'lib', 'cli.js'))) {
  console.error('lib/ is missing: build first with `npx tsc -p tsconfig.json`');
  process.exit(2);
}
const lib = (path) => import(new URL(`../lib/${path}`, import.meta.url).href);
const { validateSpecs } = await lib('specs/validate-specs.js');
const { synthSettingsFrom } = await lib('config/synth-settings.js');
const { stacksToCompare, synthesize } = await lib('synth/synthesize.js');
const { planStacks } = await lib('synth/stacks.js');
const { affectedStacks } = await lib('workflow/affected-stacks.js');

const groupFile = (g) => ({
  path: `infra-specs/groups/team-${g}.yaml`,
  content: `apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team-${g}\nspec:\n  displayName: Team ${g}\n`,
});
const userFile = (name, memberOf) => ({
  path: `infra-specs/people/${name}.yaml`,
  content:
    `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: ${name}\nspec:\n  email: ${name}@demoac.com\n` +
    `  firstName: User\n  lastName: ${name}\n  groups: [${memberOf.map((g) => `team-${g}`).join(', ')}]\n`,
});
const baseFiles = [
  ...Array.from({ length: groups }, (_, g) => groupFile(g)),
  ...Array.from({ length: users }, (_, u) =>
    userFile(
      `user-${u}`,
      [...new Set([u % groups, (u * 7 + 3) % groups, (u * 13 + 5) % groups])].slice(0, 1 + (u % 3)),
    ),
  ),
];
// Two PRs: a newcomer in 3 groups (their stack has no state yet), and an existing person moved to another group.
const scenarios = {
  onboard: [...baseFiles, userFile('newcomer', [1, 2, 3])],
  edit: baseFiles.map((file) => (file.path.endsWith('/user-5.yaml') ? userFile('user-5', [42]) : file)),
};

const report = { workload: `${users} OktaUsers in ${groups} OktaGroups; PRs: onboard one person, move one`, runs };
for (const [scenario, headFiles] of Object.entries(scenarios))
  for (const layout of ['shared', 'per-spec']) {
    const configText = `specsDir: infra-specs\nterraform:\n  stateBucket: acme-tfstate\n  stateRegion: us-east-1\nidentity:\n  stackLayout: ${layout}\n`;
    const times = [];
    let changes;
    let baseStacks;
    let stacksInRepo;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const now = new Date();
      const head = validateSpecs({ files: headFiles, configText, now });
      const base = validateSpecs({ files: baseFiles, configText, now });
      if (!head.ok || !base.ok)
        throw new Error(
          head.diagnostics
            .slice(0, 3)
            .map((d) => d.message)
            .join('; '),
        );
      const settings = synthSettingsFrom(head.config, { repository: 'acme/infra', localStateDir: '/tmp/state' });
      // As workflow/evaluate-pull-request.ts: only the stacks whose inputs differ are synthesised, on both sides.
      const compared = [...stacksToCompare(base.specs, head.specs, { settings })];
      baseStacks = synthesize(base.specs, { settings, stacks: compared });
      changes = affectedStacks(baseStacks, synthesize(head.specs, { settings, stacks: compared }));
      stacksInRepo = planStacks(base.specs, layout).length;
      times.push((performance.now() - started) / 1000);
    }
    const byName = new Map(baseStacks.map((stack) => [stack.name, stack]));
    report[`${scenario}, ${layout}`] = {
      appSideSeconds: {
        median: round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]),
        all: times.map(round),
      },
      stacksPlanned: changes.map((change) => change.stack),
      resourcesPlanned: changes.reduce((sum, change) => sum + (change.head?.resourceCount ?? 0), 0),
      // What their state holds before the PR: what a refresh of them reads (a new stack has no state).
      resourcesInStateRefreshed: changes.reduce(
        (sum, change) => sum + (byName.get(change.stack)?.resourceCount ?? 0),
        0,
      ),
      stacksInRepo,
    };
  }
report.targets = TARGETS;
report.withinTargets = Object.keys(scenarios).every((scenario) => {
  const perSpec = report[`${scenario}, per-spec`];
  return perSpec.resourcesPlanned <= TARGETS.plannedResources && perSpec.appSideSeconds.median < TARGETS.appSideSeconds;
});
console.log(JSON.stringify(report, null, 2));
if (!report.withinTargets) process.exitCode = 1;

function round(value) {
  return Math.round(value * 100) / 100;
}
