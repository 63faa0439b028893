// The intent summary for the Slack approval message: one mrkdwn text per section (Block Kit section text is capped
// at 3,000 characters; we stay under 2,900), lines that do not fit are counted ("… and N more"), never dropped
// silently.
import { toSlack, plain, type Line } from './rich-text.js';
import { summarySections, type IntentSummaryInput } from './summary-sections.js';
import { deltaText } from './describe-cost.js';

export const SLACK_SECTION_LIMIT = 2_900;

export interface SlackIntentSummary {
  /** Plain notification text (`text` of chat.postMessage). */
  fallback: string;
  /** One mrkdwn text per section, each ≤ SLACK_SECTION_LIMIT characters. */
  sections: string[];
}

export function renderIntentSummarySlack(input: IntentSummaryInput): SlackIntentSummary {
  const sections = summarySections(input).map((section) => fitSection(toSlack(section.title), section.lines));
  return {
    fallback: fallbackText(input),
    sections: sections.length > 0 ? sections : ['No changes to the intent specs.'],
  };
}

/** Room kept for the last line: "… and 99999 more". */
const MORE_RESERVE = 24;

function fitSection(title: string, lines: readonly Line[]): string {
  let text = title;
  for (let i = 0; i < lines.length; i++) {
    const isLast = i === lines.length - 1;
    const budget = SLACK_SECTION_LIMIT - text.length - 1 - (isLast ? 0 : MORE_RESERVE);
    const bullet = fitLine(lines[i]!, budget);
    if (bullet === undefined) return `${text}\n… and ${lines.length - i} more`;
    text += `\n${bullet}`;
  }
  return text;
}

/** `• line`, cut with "…" when it alone is too long; undefined when not even a cut line fits. */
function fitLine(line: Line, budget: number): string | undefined {
  const full = `• ${toSlack(line)}`;
  if (full.length <= budget) return full;
  if (budget < 40) return undefined;
  // Cut the runs themselves (before escaping), so no entity or code span is broken.
  let kept = 0;
  const out: Line = [];
  for (const run of line) {
    const rendered = toSlack([run]).length;
    if (2 + kept + rendered + 1 <= budget) {
      out.push(run);
      kept += rendered;
      continue;
    }
    let text = run.text;
    while (text.length > 0 && 2 + kept + toSlack([{ ...run, text: `${text}…` }]).length > budget) {
      text = text.slice(0, Math.max(0, text.length - Math.max(1, Math.ceil(text.length * 0.1))));
    }
    if (text.length > 0) out.push({ ...run, text: `${text}…` });
    else out.push(plain('…'));
    break;
  }
  return `• ${toSlack(out)}`;
}

function fallbackText(input: IntentSummaryInput): string {
  const { changes, cost } = input;
  const parts: string[] = [];
  const widened = changes.permissions.filter((p) => p.direction === 'widened').length;
  if (widened > 0) parts.push(`⚠️ permissions widened (${widened})`);
  const removed = changes.access.filter((s) => s.direction === 'removed').length;
  const gained = changes.access.length - removed;
  if (removed > 0 || gained > 0) parts.push(`access: ${removed} removed, ${gained} gained`);
  const counts = (['created', 'changed', 'destroyed', 'expiring'] as const)
    .map((type) => [type, changes.specs.filter((c) => c.type === type).length] as const)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${n} ${type}`);
  if (counts.length > 0) parts.push(`specs: ${counts.join(', ')}`);
  if (cost && cost.stacks.length > 0) parts.push(`cost: ${deltaText(cost.total)} a month`);
  const warnings = (input.chain?.length ?? 0) + (input.planWarnings?.length ?? 0);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  const head =
    changes.base === 'invalid' ? 'Intent summary (base branch unreadable, head side only)' : 'Intent summary';
  return parts.length > 0 ? `${head}: ${parts.join(' · ')}` : `${head}: no changes to the intent specs`;
}
