// Counts in the three shapes reviewers know: `+2 ~1 -0 ±1` (per stack), a totals table, and Terraform's own
// "N to import, N to add, N to change, N to destroy" wording (a replacement counts as one add and one destroy).
// `import`/`move`/`outputs` may be absent (summaries stored before they existed): read as 0.
import { formatNumber } from './render-escape.js';
import { emptyCounts, type PlanCounts } from './summarize-plan.js';

export type StackOutcome = 'planned' | 'no-changes' | 'failed' | 'locked' | 'skipped';

export function shortCounts(c: PlanCounts): string {
  const n = formatNumber;
  let text = `+${n(c.create)} ~${n(c.update)} -${n(c.delete)} ±${n(c.replace)}`;
  if (c.read) text += ` · ${n(c.read)} read`;
  if (c.forget) text += ` · ${n(c.forget)} forget`;
  if (c.import) text += ` · ${n(c.import)} import`;
  if (c.move) text += ` · ${n(c.move)} move`;
  if (c.outputs) text += ` · ${n(c.outputs)} output${c.outputs === 1 ? '' : 's'}`;
  return text;
}

export function addCounts(list: readonly (PlanCounts | undefined)[]): PlanCounts {
  const total = emptyCounts();
  for (const c of list) {
    if (!c) continue;
    for (const key of Object.keys(total) as (keyof PlanCounts)[]) total[key] = (total[key] ?? 0) + (c[key] ?? 0);
  }
  return total;
}

/**
 * Terraform's wording, `1 to import, 2 to add, 1 to change, 0 to destroy` (import and forget only when present),
 * then what Terraform lists apart: `; 1 moved; 2 outputs change`.
 */
export function terraformWording(c: PlanCounts): string {
  const n = formatNumber;
  const add = c.create + c.replace;
  const destroy = c.delete + c.replace;
  let text = `${n(add)} to add, ${n(c.update)} to change, ${n(destroy)} to destroy`;
  if (c.import) text = `${n(c.import)} to import, ${text}`;
  if (c.forget) text += `, ${n(c.forget)} to forget`;
  if (c.move) text += `; ${n(c.move)} moved`;
  if (c.outputs) text += `; ${n(c.outputs)} output${c.outputs === 1 ? '' : 's'} change${c.outputs === 1 ? 's' : ''}`;
  return text;
}

export const OUTCOME_WORDS: Record<StackOutcome, string> = {
  planned: 'planned',
  'no-changes': 'no changes',
  failed: 'failed',
  locked: 'locked',
  skipped: 'skipped',
};

/** `3 planned · 1 no changes · 1 failed`, in a fixed order, zero outcomes left out. */
export function outcomeWords(outcomes: readonly StackOutcome[]): string {
  const order: StackOutcome[] = ['planned', 'no-changes', 'failed', 'locked', 'skipped'];
  const parts = order
    .map((o) => [o, outcomes.filter((x) => x === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${formatNumber(n)} ${OUTCOME_WORDS[o]}`);
  return parts.length ? parts.join(' · ') : 'no stacks';
}

/** A one-row Markdown table of the totals; `read`/`forget` columns only when used. */
export function totalsTable(c: PlanCounts, outcomes: readonly StackOutcome[]): string {
  const columns: [string, string][] = [
    ['➕ create', formatNumber(c.create)],
    ['🔁 update', formatNumber(c.update)],
    ['➖ destroy', formatNumber(c.delete)],
    ['± replace', formatNumber(c.replace)],
  ];
  if (c.read) columns.push(['📖 read', formatNumber(c.read)]);
  if (c.forget) columns.push(['⊘ forget', formatNumber(c.forget)]);
  if (c.import) columns.push(['⇐ import', formatNumber(c.import)]);
  if (c.move) columns.push(['→ move', formatNumber(c.move)]);
  if (c.outputs) columns.push(['outputs', formatNumber(c.outputs)]);
  columns.push(['stacks', outcomeWords(outcomes)]);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(columns.map(([h]) => h)),
    row(columns.map((_, i) => (i === columns.length - 1 ? ':--' : '--:'))),
    row(columns.map(([, v]) => v)),
  ].join('\n');
}
