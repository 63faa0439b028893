// One stack's section: a <details> whose <summary> carries the stack name and counts, and whose body lists each
// resource change, or says plainly why there is none (no changes, failed, locked, skipped).
import { escapeHtml, escapeMarkdown, fenceFor, inlineCode, truncateText } from './render-escape.js';
import type { SecretScrubber } from './render-redact.js';
import { shortCounts, type StackOutcome } from './render-counts.js';
import { pushLines, renderResourceChangeLines } from './render-resource-diff.js';
import { renderDrift } from './render-drift-diff.js';
import { renderOutputChanges } from './render-output-diff.js';
import type { PlanSummary } from './summarize-plan.js';

export interface StackPlanResult {
  stack: string;
  outcome: StackOutcome;
  /** Required for a meaningful `planned` section. */
  summary?: PlanSummary;
  /** Terraform's error output, for `failed`. */
  error?: string;
  /** The PR holding the stack's lock, for `locked`. */
  lockedBy?: { pr: number };
  planId?: string;
  /** A short plain-text remark (e.g. why a stack was skipped); escaped. */
  note?: string;
}

/** Longest line of error output kept whole; provider errors can carry one enormous line. */
const MAX_ERROR_LINE = 1000;

export const NO_CHANGES_TEXT = 'No changes. Infrastructure matches the configuration.';

/** A planned stack whose plan holds no change reads exactly like a no-changes one. */
export const effectiveOutcome = (s: StackPlanResult): StackOutcome =>
  s.outcome === 'planned' && s.summary?.noChanges ? 'no-changes' : s.outcome;

function summaryLine(s: StackPlanResult, name: string): string {
  // One line, whatever the name holds: a blank line would end the HTML block early.
  const bold = `<b>${escapeHtml(name.replace(/\s+/g, ' '))}</b>`;
  switch (effectiveOutcome(s)) {
    case 'planned': {
      const c = s.summary?.counts;
      if (!c) return `📝 ${bold} — planned`;
      const risky = c.delete + c.replace > 0;
      return `${risky ? '⚠️' : '📝'} ${bold} — ${escapeHtml(shortCounts(c))}`;
    }
    case 'no-changes':
      return `✅ ${bold} — no changes`;
    case 'failed':
      return `❌ ${bold} — plan failed`;
    case 'locked':
      return `🔒 ${bold} — locked${s.lockedBy ? ` by #${s.lockedBy.pr}` : ''}`;
    case 'skipped':
      return `⏭️ ${bold} — skipped`;
  }
}

/** The body's paragraphs, each as its lines (resource changes, most of a plan, are made as lines). */
function bodyLines(s: StackPlanResult, name: string, scrubber: SecretScrubber): string[][] {
  if (effectiveOutcome(s) !== 'planned' || !s.summary) return body(s, name, scrubber).map(linesOf);
  const summary = s.summary;
  const rest = [renderOutputChanges(summary, scrubber), renderDrift(summary, scrubber)].filter((b) => b !== undefined);
  return [...summary.changes.map((change) => renderResourceChangeLines(change, scrubber)), ...rest.map(linesOf)];
}

const linesOf = (text: string): string[] => {
  const lines: string[] = [];
  pushLines(lines, text);
  return lines;
};

/** The body's paragraphs, for every outcome but a planned stack with a summary (see bodyLines). */
function body(s: StackPlanResult, name: string, scrubber: SecretScrubber): string[] {
  switch (effectiveOutcome(s)) {
    case 'planned':
      return ['The plan ran, but its summary is not available.'];
    case 'no-changes': {
      // Drift needs no apply, but a reviewer should still learn that something changed outside infra-bot.
      const drift = s.summary && renderDrift(s.summary, scrubber);
      return drift ? [NO_CHANGES_TEXT, drift] : [NO_CHANGES_TEXT];
    }
    case 'failed': {
      const note =
        `**Plan failed.** Terraform's error output is below. Fix the cause and push a commit, ` +
        `or comment ${inlineCode(`/infra plan ${name}`)} to try again.`;
      const text = (s.error ?? '').trim();
      if (!text) return [note, 'No error output was captured.'];
      const lines = scrubber
        .scrub(text)
        .split(/\r?\n/)
        .map((line) => truncateText(line, MAX_ERROR_LINE))
        .join('\n');
      const fence = fenceFor(lines);
      return [note, `${fence}text\n${lines}\n${fence}`];
    }
    case 'locked': {
      if (!s.lockedBy) return ['🔒 locked by another pull request — it will be planned when that lock is released.'];
      const n = `#${s.lockedBy.pr}`;
      return [
        `🔒 locked by ${n} — it will be planned when ${n} merges or closes, or ask ${n} to run ${inlineCode('/infra unlock')}`,
      ];
    }
    case 'skipped':
      return s.note ? [] : ['Skipped.'];
  }
}

/** The whole section as one top-level block; the comment layout continues it in the next part when it is long. */
export function renderStackSection(s: StackPlanResult, scrubber: SecretScrubber): string {
  return renderStackSectionLines(s, scrubber).join('\n');
}

/** `renderStackSection(s, scrubber).split('\n')`, made without joining the whole section first. */
export function renderStackSectionLines(s: StackPlanResult, scrubber: SecretScrubber): string[] {
  const name = scrubber.scrub(s.stack);
  const open = effectiveOutcome(s) === 'failed' ? ' open' : '';
  const paragraphs = bodyLines(s, name, scrubber);
  if (s.note) paragraphs.unshift(linesOf(escapeMarkdown(scrubber.scrub(s.note))));
  if (s.planId) paragraphs.unshift(linesOf(`Plan ${inlineCode(scrubber.scrub(s.planId))}`));
  const lines = [`<details${open}>`, `<summary>${summaryLine(s, name)}</summary>`, ''];
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) lines.push('');
    for (const line of paragraph) lines.push(line);
  });
  // No paragraph still leaves the one empty line `paragraphs.join('\n\n')` would give.
  if (paragraphs.length === 0) lines.push('');
  lines.push('', '</details>');
  return lines;
}
