// What one evaluation of a PR head came to, as data, and the words for it: the validate and plan checks, the list
// of stack changes and the footer of the plan comment. Pure: evaluate-pull-request.ts decides, this says it.
import type { CheckConclusion } from '../github/check-runs.js';
import type { PlanCheckOutput } from '../plan/render-check-summary.js';
import type { StackOutcome } from '../plan/render-counts.js';
import type { CostCheckResult } from '../review/cost/cost-check.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import type { StackChange } from './affected-stacks.js';

export interface CheckReport {
  conclusion: CheckConclusion;
  output: { title: string; summary: string; text?: string };
}

/** The validate check's facts: whether the head validated, how many specs, and every problem found. */
export interface ValidationOutcome {
  ok: boolean;
  specCount: number;
  diagnostics: readonly Diagnostic[];
}

/** The plan check's facts: a newer push took over, or each stack's outcome, the cost verdict and the plan output. */
export type EvaluateOutcome =
  | { kind: 'superseded' }
  | {
      kind: 'planned';
      outcomes: readonly StackOutcome[];
      cost: CostCheckResult;
      /** The check output renderPlanOutputs gave, pointing at the comment parts posted. */
      planOutput: PlanCheckOutput;
    };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function renderValidateCheck(validation: ValidationOutcome): CheckReport {
  const errors = validation.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = validation.diagnostics.length - errors;
  if (validation.ok) {
    return {
      conclusion: 'success',
      output: {
        title: `${validation.specCount} specs valid${warnings ? `, ${plural(warnings, 'warning')}` : ''}`,
        summary: 'Every spec passed the schema, cross-spec and policy checks.',
      },
    };
  }
  return {
    conclusion: 'failure',
    output: {
      title: `${plural(errors, 'problem')} in the specs`,
      summary: 'Each problem is annotated on its file and line. Invalid intent is never planned.',
    },
  };
}

/** A failed plan or a cost over policy fails the check; a stack locked by another PR needs action; else success. */
export function renderPlanCheck(outcome: EvaluateOutcome): CheckReport {
  if (outcome.kind === 'superseded') {
    return {
      conclusion: 'cancelled',
      output: { title: 'Superseded by a newer push', summary: 'A newer commit is being planned.' },
    };
  }
  const failed = outcome.outcomes.includes('failed');
  const locked = outcome.outcomes.includes('locked');
  const tooCostly = outcome.cost.conclusion === 'failure';
  return {
    conclusion: failed || tooCostly ? 'failure' : locked ? 'action_required' : 'success',
    output: tooCostly
      ? { ...outcome.planOutput, title: `Cost: ${outcome.cost.message}`.slice(0, 250) }
      : outcome.planOutput,
  };
}

/** One line per changed stack, with the specs in it, under the intent summary. */
export function renderStackChanges(changes: readonly StackChange[]): string {
  if (changes.length === 0)
    return 'No stack changes: the Terraform synthesised from this PR is identical to the base branch.';
  const verb = { added: 'new', changed: 'changed', removed: 'removed (destroy)' } as const;
  return changes
    .map((change) => {
      const specs = (change.head ?? change.base)?.specs ?? [];
      return `- \`${change.stack}\`: ${verb[change.change]}${specs.length ? ` — ${specs.map((s) => `\`${s}\``).join(', ')}` : ''}`;
    })
    .join('\n');
}

export const PLAN_COMMENT_FOOTER =
  'Comment `/infra plan` to plan again, `/infra unlock` to discard these plans and release the locks, `/infra status` for where things stand.';

/** The note on a stack whose every spec was removed. */
export const REMOVED_STACK_NOTE = 'The spec was removed: this plan destroys the stack.';

/** Prefixed to each problem of the base's repo config: nothing is validated against an unknown policy. */
export const baseConfigInvalid = (configPath: string, baseSha: string): string =>
  `the base branch's ${configPath} (${baseSha.slice(0, 7)}) is invalid, so nothing can be validated or planned until it is fixed:`;
