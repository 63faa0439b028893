// The intent summary for the top of the plan comment (GitHub Markdown): permissions widened (loudly) or narrowed
// first, then access removed and marked, access gained, resources, the cost table (only when some cost changes), chain
// checks, plan-vs-intent warnings.
import type { StackCost } from './cost/estimate-cost.js';
import { amountText, costNote, deltaText } from './describe-cost.js';
import { code, plain, toMarkdown, type Line } from './rich-text.js';
import { summarySections, type IntentSummaryInput, type Section } from './summary-sections.js';

export type { IntentSummaryInput } from './summary-sections.js';

export const SUMMARY_TITLE = '#### 🧭 Intent summary';
/** Lines per section before "… and N more": the plan comment is for reviewing, not for inventories. */
export const MARKDOWN_LINES_PER_SECTION = 50;

export function renderIntentSummary(input: IntentSummaryInput): string {
  const sections = summarySections(input);
  if (sections.length === 0) return `${SUMMARY_TITLE}\n\nNo changes to the intent specs.`;
  const blocks = sections.map((section) =>
    section.id === 'cost' && input.cost ? costBlock(section, input.cost.stacks) : listBlock(section),
  );
  return [SUMMARY_TITLE, ...blocks].join('\n\n');
}

function listBlock(section: Section): string {
  const shown = section.lines.slice(0, MARKDOWN_LINES_PER_SECTION).map((line) => `- ${toMarkdown(line)}`);
  const more = section.lines.length - shown.length;
  if (more > 0) shown.push(`- … and ${more} more`);
  return `${toMarkdown(section.title)}\n\n${shown.join('\n')}`;
}

/** A table cell: inline Markdown, `|` escaped (escapeMarkdown does), no line breaks. */
const cell = (line: Line) => toMarkdown(line, true);

function costBlock(section: Section, stacks: readonly StackCost[]): string {
  const rows = stacks
    .slice(0, MARKDOWN_LINES_PER_SECTION)
    .map((s) =>
      [
        cell([code(s.stack)]),
        cell([plain(amountText(s.before))]),
        cell([plain(amountText(s.after))]),
        cell([plain(deltaText(s.delta))]),
        cell([plain(costNote(s))]),
      ].join(' | '),
    );
  const more = stacks.length - rows.length;
  if (more > 0) rows.push(`… and ${more} more stacks |  |  |  | `);
  // After the per-stack lines come the total, then the assumptions (summary-sections.ts).
  const [total, ...assumptions] = section.lines.slice(stacks.length);
  const table = ['| stack | before | after | change | note |', '|---|--:|--:|--:|---|', ...rows.map((r) => `| ${r} |`)];
  const tail = [...(total ? [toMarkdown(total)] : []), ...assumptions.map((l) => `_${toMarkdown(l)}_`)];
  return [toMarkdown(section.title), table.join('\n'), ...tail].join('\n\n');
}
