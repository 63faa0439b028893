// Intent summary + cost for a pull request touching 500 specs (issue 7 asks for < 300 ms). Build first:
//   npx tsc -p tsconfig.json && node bench/review.mjs [runs]
// Head: the shared 500-spec workload (10 groups, 90 users, 200 EC2, 200 S3) plus 10 SSO roles; base: a copy in which
// every one of the 500 specs differs (groups, descriptions, volume sizes, versioning) and the roles have other
// policies. Validation of both sides is reported apart: the figure asked for is diffIntent + estimateCost + both
// renders, timed per run, median reported.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readSpecTree } from '../lib/specs/read-spec-tree.js';
import { validateSpecs } from '../lib/specs/validate-specs.js';
import { diffIntent } from '../lib/review/intent-changes.js';
import { estimateCost } from '../lib/review/cost/estimate-cost.js';
import { loadPriceTable } from '../lib/review/cost/price-table.js';
import { renderIntentSummary } from '../lib/review/render-intent-summary.js';
import { renderIntentSummarySlack } from '../lib/review/render-intent-summary-slack.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 20);
const work = mkdtempSync(join(tmpdir(), 'infra-bot-review-bench-'));
const now = new Date();

try {
  const head = join(work, 'head');
  const base = join(work, 'base');
  execFileSync(process.execPath, [join(root, '..', 'shared', 'bench', 'gen-specs.mjs'), head]);
  const sso = 'sso:\n  awsAccountId: "123456789012"\n';
  writeFileSync(join(head, '.github', 'infra.yml'), readFileSync(join(head, '.github', 'infra.yml'), 'utf8') + sso);
  const role = (g, policy) =>
    `apiVersion: infra-bot/v1\nkind: IamSsoRole\nmetadata:\n  name: team-${g}-role\nspec:\n  oktaGroup: team-${g}\n  managedPolicyArns: [arn:aws:iam::aws:policy/${policy}]\n`;
  cpSync(head, base, { recursive: true });
  for (const [dir, policy] of [
    [head, 'ReadOnlyAccess'],
    [base, 'ViewOnlyAccess'],
  ]) {
    const roles = join(dir, 'infra-specs', 'roles');
    execFileSync('mkdir', ['-p', roles]);
    for (let g = 0; g < 10; g++) writeFileSync(join(roles, `team-${g}-role.yaml`), role(g, policy));
  }
  // Every spec of the base differs from the head.
  const edit = (sub, change) => {
    for (const name of readdirSync(join(base, 'infra-specs', sub))) {
      const file = join(base, 'infra-specs', sub, name);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    }
  };
  edit('groups', (t) => t.replace(/description: Team (\d+)/, 'description: Old team $1'));
  edit('people', (t) => t.replace(/groups: \[team-(\d), team-(\d)\]/, 'groups: [team-$2]'));
  edit('compute', (t) => `${t}  rootVolumeGiB: 16\n`);
  edit('data', (t) => t.replace('versioning: true', 'versioning: false'));

  const load = (dir) => {
    const started = performance.now();
    const result = validateSpecs({
      files: readSpecTree(dir, 'infra-specs'),
      configText: readFileSync(join(dir, '.github', 'infra.yml'), 'utf8'),
      now,
    });
    if (!result.ok)
      throw new Error(
        `workload invalid: ${result.diagnostics
          .slice(0, 3)
          .map((d) => d.message)
          .join('; ')}`,
      );
    return { specs: result.specs, ms: performance.now() - started };
  };
  const baseSide = load(base);
  const headSide = load(head);
  const prices = await loadPriceTable();

  const once = () => {
    const started = performance.now();
    const changes = diffIntent({
      base: { specs: baseSide.specs },
      head: headSide.specs,
      now,
      awsAccountId: '123456789012',
    });
    const cost = estimateCost(changes, { prices });
    const markdown = renderIntentSummary({ changes, cost });
    const slack = renderIntentSummarySlack({ changes, cost });
    return { ms: performance.now() - started, changes, cost, markdown, slack };
  };
  const first = once();
  const times = [first.ms];
  for (let i = 1; i < runs; i++) times.push(once().ms);
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  const types = {};
  for (const c of first.changes.specs) types[c.type] = (types[c.type] ?? 0) + 1;
  console.log(
    JSON.stringify(
      {
        workload: `${headSide.specs.length} head specs, ${first.changes.specs.length} touched`,
        specChanges: types,
        accessStatements: first.changes.access.length,
        costedStacks: first.cost.stacks.length,
        markdownChars: first.markdown.length,
        slackSections: first.slack.sections.length,
        runs,
        summaryAndCostMs: {
          first: round(first.ms),
          median: round(sorted[Math.floor(runs / 2)]),
          max: round(sorted.at(-1)),
        },
        validateMs: { base: round(baseSide.ms), head: round(headSide.ms) },
        targetMs: 300,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
