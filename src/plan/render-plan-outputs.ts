// The plan comment and the plan check output from ONE rendering of each stack section: a section is the costly
// part (every resource diff), and rendering it once for both means the two can never disagree.
import { layoutPlanCheckOutput, type PlanCheckOutput } from './render-check-summary.js';
import { checkCommentInput, layoutPlanComment, type PlanCommentInput } from './render-plan-comment.js';
import { orderByRisk } from './render-plan-risk.js';
import { secretScrubber } from './render-redact.js';
import { renderStackSectionLines } from './render-stack-section.js';

export interface PlanOutputs {
  /** The comment bodies, as renderPlanComment gives them. */
  commentParts: string[];
  /** The check output, as renderPlanCheckOutput gives it, pointing at these `commentParts`. */
  check: PlanCheckOutput;
}

/** Same result as renderPlanComment(input) and renderPlanCheckOutput({ ...input, commentParts }), rendered once. */
export function renderPlanOutputs(input: PlanCommentInput): PlanOutputs {
  checkCommentInput(input);
  const scrubber = secretScrubber(input.secrets);
  const stacks = orderByRisk(input.stacks);
  const sections = stacks.map((s) => renderStackSectionLines(s, scrubber));
  const commentParts = layoutPlanComment(input, stacks, sections, scrubber);
  const sectionOf = new Map(stacks.map((s, i) => [s, sections[i]!] as const));
  const check = layoutPlanCheckOutput(
    { ...input, commentParts: commentParts.length },
    stacks,
    (s) => sectionOf.get(s)!,
    scrubber,
  );
  return { commentParts, check };
}
