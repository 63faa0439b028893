// Risk first: stacks that destroy or replace something come first, then failed ones, then the rest (by name within
// each group), so a reviewer meets the dangerous changes before anything else. When the first comment part cannot
// hold all of them, a short list of their addresses at the top of part 1 makes sure none is missed.
import { formatNumber, inlineCode } from './render-escape.js';
import type { OpenMarkup } from './render-open-markup.js';
import type { SecretScrubber } from './render-redact.js';
import { RESOURCE_HEADER } from './render-resource-diff.js';
import { effectiveOutcome, type StackPlanResult } from './render-stack-section.js';

const risky = (s: StackPlanResult) =>
  effectiveOutcome(s) === 'planned' &&
  (s.summary?.changes.some((c) => c.action === 'delete' || c.action === 'replace') ?? false);

function rank(s: StackPlanResult): number {
  if (risky(s)) return 0;
  return effectiveOutcome(s) === 'failed' ? 1 : 2;
}

/** Stacks in review order; the input is left as it is. */
export function orderByRisk(stacks: readonly StackPlanResult[]): StackPlanResult[] {
  return [...stacks].sort((a, b) => rank(a) - rank(b) || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}

/** The list of every destroy and replacement, one line each; undefined when the plan has none. */
export function riskList(stacks: readonly StackPlanResult[], scrubber: SecretScrubber): string | undefined {
  const rows: string[] = [];
  for (const s of stacks.filter(risky)) {
    for (const c of s.summary!.changes) {
      if (c.action !== 'delete' && c.action !== 'replace') continue;
      // a word, not Terraform's "-" sign: "- - destroy" would read as a nested list
      const what = c.action === 'delete' ? '**destroy**' : '**replace**';
      rows.push(`- ${what} ${inlineCode(scrubber.scrub(c.address))} in ${inlineCode(scrubber.scrub(s.stack))}`);
    }
  }
  if (rows.length === 0) return undefined;
  const n = formatNumber(rows.length);
  return [
    `**⚠️ Destroys/replacements in this plan (${n}).** Not all of them fit in this part; each is shown in full in its stack below.`,
    '',
    ...rows,
  ].join('\n');
}

// Destroy, and every replace header: `± ` (order unknown), `-/+ ` (destroy first), `+/- ` (create first).
const RISKY_HEADER = /^\*\*(-|±|-\/\+|\+\/-) /;

/**
 * One past the last line of the last destroy/replace block among `lines` (a block runs to the next resource header
 * or to the end of its <details>), or -1 when there is none. Agnostic to what a resource block holds.
 */
export function endOfRiskyBlocks(lines: readonly string[], states: readonly OpenMarkup[]): number {
  let end = -1;
  for (let h = 0; h < lines.length; h++) {
    if (states[h]!.fence || !RISKY_HEADER.test(lines[h]!) || !RESOURCE_HEADER.test(lines[h]!)) continue;
    const depth = states[h]!.details.length;
    let j = h + 1;
    while (j < lines.length) {
      const state = states[j]!;
      if (state.details.length < depth) break;
      if (!state.fence && state.details.length === depth && RESOURCE_HEADER.test(lines[j]!)) break;
      j += 1;
    }
    end = Math.max(end, j);
  }
  return end;
}
