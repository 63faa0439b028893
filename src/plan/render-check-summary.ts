// The plan check run's output: a title in Terraform's wording, a summary (totals, intent, one row per stack) and a
// text with the per-stack diffs, risk first. GitHub caps summary and text at 65,535 characters each: each carries as
// much as fits and, when cut, says where the complete plan is on GitHub (the plan comment parts on the PR).
import { addCounts, OUTCOME_WORDS, shortCounts, terraformWording, totalsTable } from './render-counts.js';
import { cutBlock, cutLines, type CutOptions } from './render-cut-block.js';
import { formatNumber, inlineCode } from './render-escape.js';
import type { PlanCommentInput } from './render-plan-comment.js';
import { orderByRisk } from './render-plan-risk.js';
import { secretScrubber, type SecretScrubber } from './render-redact.js';
import { RESOURCE_HEADER } from './render-resource-diff.js';
import { effectiveOutcome, renderStackSectionLines, type StackPlanResult } from './render-stack-section.js';

export const GITHUB_CHECK_TEXT_LIMIT = 65_535;

export type PlanCheckInput = Pick<
  PlanCommentInput,
  'repo' | 'pr' | 'headSha' | 'intentSummaryMarkdown' | 'stacks' | 'secrets'
> & {
  /** How many parts the plan comment on the PR has, to point readers of a cut output at "parts 1–N". */
  commentParts?: number;
};

/** Where the complete plan is when the check run cannot hold it: the comment parts, which lose nothing. */
export function checkCutHint(pr: number, commentParts?: number): string {
  const parts = commentParts && commentParts > 1 ? `, parts 1–${formatNumber(commentParts)}` : '';
  return `the complete plan is in the plan comment on pull request #${pr}${parts}`;
}

export interface PlanCheckOutput {
  title: string;
  summary: string;
  /** Absent when no stack has a change or an error to show. */
  text?: string;
}

const plural = (n: number, word: string) => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;

function title(stacks: readonly StackPlanResult[]): string {
  if (stacks.length === 0) return 'No stacks affected';
  const outcomes = stacks.map(effectiveOutcome);
  const planned = stacks.filter((s) => effectiveOutcome(s) === 'planned');
  const totals = addCounts(planned.map((s) => s.summary?.counts));
  const head = planned.length === 0 ? 'No changes' : terraformWording(totals);
  const problems = (['failed', 'locked'] as const)
    .map((o) => [o, outcomes.filter((x) => x === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${formatNumber(n)} ${o}`);
  return `${head} in ${plural(stacks.length, 'stack')}${problems.length ? `; ${problems.join(', ')}` : ''}`;
}

function stackRow(s: StackPlanResult, scrubber: SecretScrubber): string {
  const outcome = effectiveOutcome(s);
  let detail = '';
  if (outcome === 'planned' && s.summary) detail = shortCounts(s.summary.counts);
  if (outcome === 'locked' && s.lockedBy) detail = `locked by #${s.lockedBy.pr}`;
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return `| ${cell(inlineCode(scrubber.scrub(s.stack)))} | ${OUTCOME_WORDS[outcome]} | ${cell(detail)} |`;
}

export function renderPlanCheckOutput(input: PlanCheckInput): PlanCheckOutput {
  const scrubber = secretScrubber(input.secrets);
  const stacks = orderByRisk(input.stacks);
  return layoutPlanCheckOutput(input, stacks, (s) => renderStackSectionLines(s, scrubber), scrubber);
}

/** Stacks whose diffs or errors the check text shows. */
const isDetailed = (s: StackPlanResult) => ['planned', 'failed'].includes(effectiveOutcome(s));

/**
 * The check output from sections already rendered: `stacks` is `orderByRisk(input.stacks)` and `sectionOf(s)` gives
 * `renderStackSectionLines(s, scrubber)` with `scrubber` made from `input.secrets`. Only renderPlanCheckOutput and
 * renderPlanOutputs call it, so no caller can hand it a section of another plan.
 */
export function layoutPlanCheckOutput(
  input: PlanCheckInput,
  stacks: readonly StackPlanResult[],
  sectionOf: (s: StackPlanResult) => readonly string[],
  scrubber: SecretScrubber,
): PlanCheckOutput {
  const hint = checkCutHint(input.pr, input.commentParts);
  const cutOptions: CutOptions = {
    hint,
    isItem: (line) => RESOURCE_HEADER.test(line),
    itemNoun: ['resource change', 'resource changes'],
  };
  const cut = (text: string) => cutBlock(text, GITHUB_CHECK_TEXT_LIMIT, cutOptions);

  const planned = input.stacks.filter((s) => effectiveOutcome(s) === 'planned');
  const summaryBlocks = [
    `Plan for ${input.headSha.slice(0, 7)}.`,
    totalsTable(addCounts(planned.map((s) => s.summary?.counts)), input.stacks.map(effectiveOutcome)),
  ];
  if (input.intentSummaryMarkdown?.trim()) summaryBlocks.push(scrubber.scrub(input.intentSummaryMarkdown.trim()));
  if (stacks.length) {
    const rows = stacks.map((s) => stackRow(s, scrubber));
    summaryBlocks.push(['| stack | result | changes |', '|:--|:--|:--|', ...rows].join('\n'));
  }

  const detailed = stacks.filter(isDetailed);
  const output: PlanCheckOutput = { title: title(input.stacks), summary: cut(summaryBlocks.join('\n\n')) };
  if (detailed.length) {
    // The sections' lines, a blank line between sections: only what fits is ever joined into text.
    const lines: string[] = [];
    detailed.forEach((s, i) => {
      if (i > 0) lines.push('');
      for (const line of sectionOf(s)) lines.push(line);
    });
    output.text = cutLines(lines, GITHUB_CHECK_TEXT_LIMIT, cutOptions);
  }
  return output;
}
