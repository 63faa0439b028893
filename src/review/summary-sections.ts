// The summary as sections of lines, in review order: permissions widened or narrowed (and what the plans say about
// permissions), what the base looked like, access removed, access gained, resources, cost, chain checks, plan vs intent. Both renderers write these; only the cost table differs.
import type { ChainFinding } from './chain-checks.js';
import type { PlanWarning } from './confirm-against-plan.js';
import type { CostEstimate } from './cost/estimate-cost.js';
import { amountText, costNote, deltaText, pricesNote } from './describe-cost.js';
import { REMOVED_MARK, describeAccess } from './describe-access.js';
import { describeSpecChange } from './describe-spec-change.js';
import type { IntentChanges } from './intent-changes.js';
import type { PolicyCheck } from './confirm-policies.js';
import { code, plain, strong, type Line } from './rich-text.js';

export interface IntentSummaryInput {
  changes: IntentChanges;
  cost?: CostEstimate;
  chain?: readonly ChainFinding[];
  planWarnings?: readonly PlanWarning[];
  /** Which permission changes the plans confirm or contradict (confirm-policies.ts). */
  policyCheck?: Pick<PolicyCheck, 'confirmed' | 'mismatched'>;
}

export type SectionId = 'permissions' | 'base' | 'removed' | 'gained' | 'resources' | 'cost' | 'chain' | 'plan';

export interface Section {
  id: SectionId;
  title: Line;
  lines: Line[];
}

export function summarySections(input: IntentSummaryInput): Section[] {
  const { changes } = input;
  const headOnly = changes.base === 'invalid';
  const sections: Section[] = [];
  const permissions = permissionsSection(input);
  if (permissions) sections.push(permissions);
  if (headOnly) {
    const n = changes.baseProblems.length;
    sections.push({
      id: 'base',
      title: [plain('⚠️ '), strong('The base branch specs no longer parse')],
      lines: [
        [
          plain(
            `${n} ${n === 1 ? 'problem' : 'problems'} on the base branch, so nothing below is a comparison: it shows the head side only.`,
          ),
        ],
        ...changes.baseProblems.map((p) => [plain(p)]),
      ],
    });
  }
  const removed = changes.access.filter((s) => s.direction === 'removed');
  const gained = changes.access.filter((s) => s.direction === 'gained');
  if (removed.length > 0) {
    sections.push({
      id: 'removed',
      title: [plain(`${REMOVED_MARK} `), strong('Access removed')],
      lines: removed.map((s) => describeAccess(s)),
    });
  }
  if (gained.length > 0) {
    const title = headOnly ? 'Access on the head branch' : 'Access gained';
    sections.push({
      id: 'gained',
      title: [plain('🔑 '), strong(title)],
      lines: gained.map((s) => describeAccess(s, headOnly)),
    });
  }
  if (changes.specs.length > 0) {
    const title = headOnly ? 'Specs on the head branch' : 'Resources';
    sections.push({
      id: 'resources',
      title: [plain('📦 '), strong(title)],
      lines: changes.specs.map((c) => describeSpecChange(c, headOnly)),
    });
  }
  const cost = input.cost;
  if (cost && cost.stacks.length > 0) {
    const lines: Line[] = cost.stacks.map((s) => {
      const note = costNote(s);
      return [
        code(s.stack),
        plain(`: ${amountText(s.before)} → ${amountText(s.after)} (${deltaText(s.delta)})${note ? ` · ${note}` : ''}`),
      ];
    });
    lines.push([strong('Total change:'), plain(` ${deltaText(cost.total)} a month`)]);
    for (const a of cost.assumptions) lines.push([plain(a)]);
    sections.push({
      id: 'cost',
      title: [plain('💰 '), strong('Estimated monthly cost'), plain(` (${pricesNote(cost)})`)],
      lines,
    });
  }
  const chain = input.chain ?? [];
  if (chain.length > 0) {
    sections.push({
      id: 'chain',
      title: [plain('🔗 '), strong('Okta → SAML → IAM checks')],
      lines: chain.map((f) => [
        plain(f.severity === 'error' ? '❌ ' : '⚠️ '),
        code(f.specKey),
        plain(`: ${f.message}`),
      ]),
    });
  }
  const plan = (input.planWarnings ?? []).filter((w) => !w.policy);
  if (plan.length > 0) {
    sections.push({
      id: 'plan',
      title: [plain('🔍 '), strong('Plan vs intent')],
      lines: plan.map((w) => [plain(`⚠️ ${w.message}`)]),
    });
  }
  return sections;
}

/**
 * First, always: permissions widened (loudly, one "⚠️ Permissions widened:" line each), permission problems found in
 * the plans, then permissions narrowed (quietly). Each spec-asked change says whether the plan agrees.
 */
function permissionsSection(input: IntentSummaryInput): Section | undefined {
  const { permissions } = input.changes;
  const planned = (input.planWarnings ?? []).filter((w) => w.policy);
  if (permissions.length === 0 && planned.length === 0) return undefined;
  const verdict = (p: (typeof permissions)[number]): Line =>
    input.policyCheck?.mismatched.has(p)
      ? [plain(' — ❌ '), strong('the plan does not do this'), plain(' (see below)')]
      : input.policyCheck?.confirmed.has(p)
        ? [plain(' — ✅ the plan agrees')]
        : [];
  const widened = permissions.filter((p) => p.direction === 'widened');
  const narrowed = permissions.filter((p) => p.direction === 'narrowed');
  const lines: Line[] = [
    ...widened.map((p): Line => [plain('⚠️ '), strong('Permissions widened:'), plain(' '), ...p.line, ...verdict(p)]),
    ...planned.map((w): Line => [plain('🔍 '), strong('Plan vs specs:'), plain(` ${w.message}`)]),
    ...narrowed.map((p): Line => [plain('Permissions narrowed: '), ...p.line, ...verdict(p)]),
  ];
  const loud = widened.length > 0 || planned.length > 0;
  const title: Line = loud
    ? [plain('⚠️ '), strong(widened.length > 0 ? 'Permissions widened' : 'Permissions in the plan')]
    : [plain('🔽 '), strong('Permissions narrowed')];
  return { id: 'permissions', title, lines };
}
