// The PR's plan comment: one or more bodies, each under GitHub's 65,536-character limit, each starting with a
// hidden marker (`<!-- infra-bot:plan part=1/3 sha=… -->`) so the comment gateway can find and edit them in place.
// Layout: header, totals, intent summary, (when part 1 cannot show them all) the list of destroys/replacements,
// then one <details> per stack, risk first, then the footer. Nothing is dropped: a stack that does not fit
// continues in the next part. Only an absurd plan (more than `maxParts` parts) is cut, with a notice saying so.
import { addCounts, totalsTable } from './render-counts.js';
import { countItems } from './render-cut-block.js';
import { formatNumber } from './render-escape.js';
import { endOfRiskyBlocks, orderByRisk, riskList } from './render-plan-risk.js';
import { secretScrubber, type SecretScrubber } from './render-redact.js';
import { RESOURCE_HEADER } from './render-resource-diff.js';
import {
  BLOCK_SEPARATOR,
  joinLayouts,
  lineWidth,
  packPlanned,
  planLayout,
  prepareLines,
  type PackedLines,
} from './render-split-parts.js';
import { effectiveOutcome, renderStackSectionLines, type StackPlanResult } from './render-stack-section.js';

export type { StackPlanResult } from './render-stack-section.js';

/** GitHub rejects issue comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Only reached by an absurd plan (some 6 MB of Markdown); below it, every change is shown. */
export const DEFAULT_MAX_PARTS = 100;
export const DEFAULT_CAP_HINT =
  'this plan is too large to show on GitHub in full, so do not approve it as it stands: split the change into smaller pull requests';
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
  /** What readers should do about what the part cap left out (default: split the change). */
  truncationHint?: string;
  /** Characters per body; GitHub's limit unless a caller needs less. */
  maxLength?: number;
  /** At most this many bodies (default 100); what lies beyond is counted in a visible notice instead. */
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

const continued = (next: number, total: number) => `_Continued in the next comment (part ${next} of ${total})._`;
/** Room for the cap notice: its counts and wording, plus the hint. */
const CAP_NOTICE_ROOM = 400;

const isResource = (line: string) => RESOURCE_HEADER.test(line);

/** Names what the part cap left out: lines, resource changes and stacks not started, and what to do. */
function capNotice(packed: PackedLines, maxParts: number, hint: string): string {
  const from = packed.leftOut ?? packed.lines.length;
  const rest = packed.lines.slice(from);
  const state = packed.states[from]!;
  const changes = countItems(rest, isResource, { fence: state.fence, details: state.details.length });
  let stacks = 0;
  for (let i = from; i < packed.lines.length; i++) {
    const s = packed.states[i]!;
    if (!s.fence && s.details.length === 0 && packed.lines[i]!.startsWith('<details')) stacks += 1;
  }
  const n = formatNumber;
  const lines = `${n(rest.length)} more ${rest.length === 1 ? 'line' : 'lines'}`;
  const inner = `${n(changes)} resource ${changes === 1 ? 'change' : 'changes'}`;
  const more = stacks ? `, ${n(stacks)} more ${stacks === 1 ? 'stack' : 'stacks'} among them` : '';
  return `> ✂️ **Cut here:** … ${lines} (${inner}) not shown${more}: more than ${n(maxParts)} ${maxParts === 1 ? 'comment' : 'comments'} would be needed; ${hint}.`;
}

export function renderPlanComment(input: PlanCommentInput): string[] {
  checkCommentInput(input);
  const scrubber = secretScrubber(input.secrets);
  const stacks = orderByRisk(input.stacks);
  return layoutPlanComment(
    input,
    stacks,
    stacks.map((s) => renderStackSectionLines(s, scrubber)),
    scrubber,
  );
}

/** Throws, naming the field, when the input cannot give a safe comment. */
export function checkCommentInput(input: PlanCommentInput): void {
  if (!MARKER.test(input.marker))
    throw new Error(`renderPlanComment: marker ${JSON.stringify(input.marker)} is unsafe`);
  if (!SHA.test(input.headSha))
    throw new Error(`renderPlanComment: headSha ${JSON.stringify(input.headSha)} is not a SHA`);
  const limit = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  if (limit < MIN_LENGTH) throw new Error(`renderPlanComment: maxLength ${limit} is below ${MIN_LENGTH}`);
  const maxParts = input.maxParts ?? DEFAULT_MAX_PARTS;
  if (!Number.isInteger(maxParts) || maxParts < 1 || maxParts > 999)
    throw new Error(`renderPlanComment: maxParts ${maxParts} is not between 1 and 999`);
}

/**
 * The comment bodies from sections already rendered: `stacks` is `orderByRisk(input.stacks)` and `sections[i]` is
 * `renderStackSectionLines(stacks[i], scrubber)` with `scrubber` made from `input.secrets`. Only renderPlanComment and
 * renderPlanOutputs call it, so no caller can hand it a section of another plan.
 */
export function layoutPlanComment(
  input: PlanCommentInput,
  stacks: readonly StackPlanResult[],
  sections: readonly (readonly string[])[],
  scrubber: SecretScrubber,
): string[] {
  const limit = input.maxLength ?? GITHUB_COMMENT_LIMIT;
  const maxParts = input.maxParts ?? DEFAULT_MAX_PARTS;
  const hint = scrubber.scrub(input.truncationHint ?? DEFAULT_CAP_HINT);
  const totals = totalsTable(
    addCounts(stacks.map((s) => (effectiveOutcome(s) === 'planned' ? s.summary?.counts : undefined))),
    stacks.map(effectiveOutcome),
  );
  const intent = input.intentSummaryMarkdown?.trim() ? [scrubber.scrub(input.intentSummaryMarkdown.trim())] : [];
  const footer = input.footer?.trim() ? scrubber.scrub(input.footer.trim()) : undefined;
  if (footer && footer.length > MAX_FOOTER)
    throw new Error(`renderPlanComment: footer of ${footer.length} characters is over ${MAX_FOOTER}`);

  // Room for the largest header and continuation line any part could need.
  const reserve = header(input, 999, 999).length + continued(999, 999).length + 2 * BLOCK_SEPARATOR.length;
  const options = {
    budget: limit - reserve,
    lastRoom: footer ? footer.length + BLOCK_SEPARATOR.length : 0,
    maxParts,
    capRoom: CAP_NOTICE_ROOM + hint.length,
  };
  const width = lineWidth(options);
  const linesOf = (blocks: readonly string[]) => blocks.join(BLOCK_SEPARATOR).split('\n');
  // The sections are prepared once (wrapped, markup read), though a layout may run twice (with and without the
  // risk list): only the lines above them change. A blank line separates blocks, as BLOCK_SEPARATOR does.
  const sectionLines: string[] = [];
  for (const section of sections) {
    sectionLines.push('');
    for (const line of section) sectionLines.push(line);
  }
  const preparedSections = prepareLines(sectionLines, width);
  const layout = (risks: string[]) => {
    const head = prepareLines(linesOf([totals, ...intent, ...risks]), width);
    return planLayout(sections.length ? joinLayouts(head, preparedSections) : head, options);
  };
  let plan = layout([]);
  // Every destroy/replacement must be seen in part 1: in full, or at least by address.
  const risks = riskList(stacks, scrubber);
  if (risks && endOfRiskyBlocks(plan.lines, plan.states) > plan.ends[0]!) plan = layout([risks]);
  const packed = packPlanned(plan);

  const total = packed.parts.length;
  return packed.parts.map((content, i) => {
    const pieces = [header(input, i + 1, total), content];
    const last = i === total - 1;
    if (last && packed.leftOut !== undefined) pieces.push(capNotice(packed, maxParts, hint));
    if (last && footer) pieces.push(footer);
    if (!last) pieces.push(continued(i + 2, total));
    return pieces.join(BLOCK_SEPARATOR);
  });
}
