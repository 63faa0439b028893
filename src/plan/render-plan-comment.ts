// The PR's plan comment: one or more bodies, each under GitHub's 65,536-character limit, each starting with a
// hidden marker (`<!-- infra-bot:plan part=1/3 sha=… -->`) so the comment gateway can find and edit them in place.
// Layout: header, totals, intent summary, then one <details> per stack, then the footer.
import { addCounts, totalsTable } from './render-counts.js';
import { cutBlock } from './render-cut-block.js';
import { secretScrubber } from './render-redact.js';
import { RESOURCE_HEADER } from './render-resource-diff.js';
import { formatNumber } from './render-escape.js';
import { BLOCK_SEPARATOR, capParts, packBlocks } from './render-split-parts.js';
import { effectiveOutcome, renderStackSection, type StackPlanResult } from './render-stack-section.js';

export type { StackPlanResult } from './render-stack-section.js';

/** GitHub rejects issue comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
export const DEFAULT_TRUNCATION_HINT = 'the full plan is in the check run log';
export const DEFAULT_MAX_PARTS = 10;
/** A footer is ours and short; this bounds it so it can always be kept. */
const MAX_FOOTER = 2_000;

export interface PlanCommentInput {
  /** Identifies our comments, e.g. `infra-bot:plan` (letters, digits, `:`, `_`, `.`, single `-`). */
  marker: string;
  /** `owner/name`; not shown (the comment lives on the PR), kept for callers rendering both outputs. */
  repo: string;
  pr: number;
  headSha: string;
  /** Already Markdown (the intent-level summary); shown first. */
  intentSummaryMarkdown?: string;
  stacks: readonly StackPlanResult[];
  footer?: string;
  /** Strings that must appear nowhere in the output. */
  secrets?: readonly string[];
  /** Where readers find what a cut left out. */
  truncationHint?: string;
  /** Characters per body; GitHub's limit unless a caller needs less. */
  maxLength?: number;
  /** At most this many bodies (default 10); stacks beyond them are named in a visible notice instead. */
  maxParts?: number;
}

/** Room for headers, a cut notice and some content; anything smaller cannot show a plan. */
const MIN_LENGTH = 2_000;
const MARKER = /^[A-Za-z0-9:_.]+(?:-[A-Za-z0-9:_.]+)*$/;
const SHA = /^[0-9a-f]{7,64}$/i;

export function planCommentMarker(marker: string, part: number, total: number, sha: string): string {
  return `<!-- ${marker} part=${part}/${total} sha=${sha} -->`;
}

/** Reads a body's marker back: which part of how many, for which head SHA. */
export function parsePlanCommentMarker(
  body: string,
  marker: string,
): { part: number; total: number; sha: string } | undefined {
  const first = body.split('\n', 1)[0] ?? '';
  const m = /^<!-- (\S+) part=(\d+)\/(\d+) sha=([0-9a-f]+) -->$/i.exec(first);
  if (!m || m[1] !== marker) return undefined;
  return { part: Number(m[2]), total: Number(m[3]), sha: m[4]! };
}

function header(input: PlanCommentInput, part: number, total: number): string {
  const title = `### 📋 Terraform plan for ${input.headSha.slice(0, 7)}`;
  const suffix = total > 1 ? ` (part ${part} of ${total})` : '';
  return `${planCommentMarker(input.marker, part, total, input.headSha)}\n${title}${suffix}`;
}

interface Block {
  text: string;
  /** Stack sections are counted in the notice when a part cap drops them, with the changes they hold. */
  stack: boolean;
  changes: number;
}

/** Names what a part cap left out: stacks and the resource changes inside them. */
function droppedNotice(dropped: readonly Block[], hint: string): string {
  const stacks = dropped.filter((b) => b.stack).length;
  const changes = dropped.reduce((n, b) => n + b.changes, 0);
  const what = `${formatNumber(stacks)} more ${stacks === 1 ? 'stack' : 'stacks'}`;
  const inner = changes ? ` (${formatNumber(changes)} resource ${changes === 1 ? 'change' : 'changes'})` : '';
  return `> ✂️ **Cut here:** … ${what}${inner} not shown, to keep this pull request readable; ${hint}.`;
}

const continued = (next: number, total: number) => `_Continued in the next comment (part ${next} of ${total})._`;

export function renderPlanComment(input: PlanCommentInput): string[] {
  if (!MARKER.test(input.marker))
    throw new Error(`renderPlanComment: marker ${JSON.stringify(input.marker)} is unsafe`);
  if (!SHA.test(input.headSha))
    throw new Error(`renderPlanComment: headSha ${JSON.stringify(input.headSha)} is not a SHA`);
  const limit = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  if (limit < MIN_LENGTH) throw new Error(`renderPlanComment: maxLength ${limit} is below ${MIN_LENGTH}`);
  const maxParts = input.maxParts ?? DEFAULT_MAX_PARTS;
  if (!Number.isInteger(maxParts) || maxParts < 1)
    throw new Error(`renderPlanComment: maxParts ${maxParts} is not ≥ 1`);
  const scrubber = secretScrubber(input.secrets);
  const hint = input.truncationHint ?? DEFAULT_TRUNCATION_HINT;

  const totals = addCounts(
    input.stacks.map((s) => (effectiveOutcome(s) === 'planned' ? s.summary?.counts : undefined)),
  );
  const content: Block[] = [
    { text: totalsTable(totals, input.stacks.map(effectiveOutcome)), stack: false, changes: 0 },
  ];
  if (input.intentSummaryMarkdown?.trim()) {
    content.push({ text: scrubber.scrub(input.intentSummaryMarkdown.trim()), stack: false, changes: 0 });
  }
  for (const stack of input.stacks) {
    const changes = effectiveOutcome(stack) === 'planned' ? (stack.summary?.changes.length ?? 0) : 0;
    content.push({ text: renderStackSection(stack, scrubber), stack: true, changes });
  }
  const cut = (block: string, size: number) =>
    cutBlock(block, size, {
      hint,
      isItem: (line) => RESOURCE_HEADER.test(line),
      itemNoun: ['resource change', 'resource changes'],
    });
  const footer = input.footer?.trim() ? cut(scrubber.scrub(input.footer.trim()), MAX_FOOTER) : undefined;
  const blocks = [...content.map((b) => b.text), ...(footer ? [footer] : [])];

  // Room for the largest header and continuation line any part could need.
  const worst = Math.max(999, blocks.length);
  const reserve = header(input, worst, worst).length + continued(worst, worst).length + 2 * BLOCK_SEPARATOR.length;
  const budget = limit - reserve;
  const parts = capParts(
    packBlocks(blocks, budget, cut),
    maxParts,
    budget,
    (n) => droppedNotice(content.slice(content.length - n), hint),
    footer,
  );

  return parts.map((partBlocks, i) => {
    const pieces = [header(input, i + 1, parts.length), ...partBlocks];
    if (i < parts.length - 1) pieces.push(continued(i + 2, parts.length));
    return pieces.join(BLOCK_SEPARATOR);
  });
}
