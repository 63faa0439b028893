// What an apply run came to, as data, and the words for it: the PR comment, the Slack notice, and the reason kept
// with a merge that was not applied. Pure: the orchestrator (apply-pull-request.ts) decides, this says it.
import type { ApprovalState } from '../../approval/approval-rules.js';
import { formatDiagnostic, type Diagnostic } from '../../specs/diagnostic.js';

/** Why an approved change was not applied (nothing was, to the stacks named). */
export type NotAppliedReason =
  | { kind: 'invalid-config'; sourceSha: string; problems: readonly Diagnostic[] }
  | { kind: 'not-approved'; headSha: string; approval: ApprovalState; otherContent: number }
  | { kind: 'invalid-source'; sourceSha: string; problems: readonly Diagnostic[] }
  | { kind: 'content-differs'; stacks: readonly string[]; sourceSha: string; headSha: string }
  /** The fresh plan with the apply role failed or drifted, or the stack's run lock stayed busy. */
  | { kind: 'stack-not-applied'; stack: string; stacksAfter: boolean; error: string }
  /** A merged head with no plan at all; `specsInvalid`: which stacks it changes cannot be told. */
  | { kind: 'unplanned-merge'; headSha: string; lastPlannedSha?: string; sourceSha: string; specsInvalid: boolean };

export type ApplyOutcome =
  | { kind: 'applied'; repo: string; pr: number; sourceSha: string; stacks: readonly string[]; approvers: string[] }
  | { kind: 'failed'; repo: string; pr: number; stack: string; appliedBefore: readonly string[]; error: string };

export interface NotAppliedNotice {
  repo: string;
  pr: number;
  /** After a merge (the default branch now differs from the cloud), or a refused `/infra apply` before it. */
  merged: boolean;
  sourceSha: string;
  /** The stacks not applied (empty when they cannot be told). */
  stacks: readonly string[];
  appliedBefore?: readonly string[];
  /** The reason, as renderNotAppliedReason wrote it. */
  reason: string;
  /** `terraform.applyBeforeMerge`: the follow-up may be applied by command. */
  applyBeforeMerge: boolean;
}

const short = (sha: string) => sha.slice(0, 7);
const code = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');
const problemBlock = (problems: readonly Diagnostic[]) =>
  `\`\`\`text\n${problems.slice(0, 20).map(formatDiagnostic).join('\n')}\n\`\`\``;

/** The reason as one sentence (with a fenced block for problems), for the PR, Slack and the unapplied record. */
export function renderNotAppliedReason(reason: NotAppliedReason): string {
  switch (reason.kind) {
    case 'invalid-config':
      return `\`.github/infra.yml\` at ${short(reason.sourceSha)} is invalid, so which policy and approvers apply cannot be told.\n\n${problemBlock(reason.problems)}`;
    case 'not-approved': {
      const { approval, otherContent, headSha } = reason;
      if (approval.state === 'rejected')
        return `the plan for ${short(headSha)} was rejected by ${approval.rejectedBy?.name ?? 'an approver'}.`;
      const replanned = otherContent
        ? ` ${otherContent} approval${otherContent === 1 ? ' was' : 's were'} given to an earlier plan of this head whose Terraform differs (it was planned again after the base branch changed). A decision is recorded once per approver and head: push a commit (merging the base branch will do) to plan and approve again.`
        : '';
      return `the plan for ${short(headSha)} has ${approval.approvers.length} of ${approval.required} required approvals. Nothing is applied without approval, and an approval of an earlier head does not count for a later one.${replanned}`;
    }
    case 'invalid-source':
      return `the specs at ${short(reason.sourceSha)} do not validate.\n\n${problemBlock(reason.problems)}`;
    case 'content-differs':
      return `${code(reason.stacks)} at ${short(reason.sourceSha)} is not the Terraform that was approved at ${short(reason.headSha)} (the base branch changed it too), so the approved plan is stale.`;
    case 'stack-not-applied':
      return `nothing was applied to \`${reason.stack}\`${reason.stacksAfter ? ' or the stacks after it' : ''}.\n\n\`\`\`text\n${reason.error}\n\`\`\``;
    case 'unplanned-merge': {
      if (reason.specsInvalid)
        return `the merged head ${short(reason.headSha)} was never planned, and the specs at ${short(reason.sourceSha)} do not validate, so which stacks it changes cannot be told.`;
      const last = reason.lastPlannedSha ? ` (the last plan was for ${short(reason.lastPlannedSha)})` : '';
      return `the merged head ${short(reason.headSha)} was never planned or approved${last}: a push right before the merge needs its own plan and approval.`;
    }
  }
}

/** The error of a stack whose run lock another run held past the wait. */
export const runLockBusy = (stack: string, heldBy: string): string =>
  `another run of \`${stack}\` (job ${heldBy}) did not finish in time`;

/** The reason a failed apply after merge leaves with the unapplied stacks. */
export const applyFailedReason = (stack: string): string =>
  `the apply of \`${stack}\` failed (it may be partly applied).`;

export function renderApplyOutcome(outcome: ApplyOutcome): { comment: string; slack: string } {
  const pr = `${outcome.repo}#${outcome.pr}`;
  if (outcome.kind === 'applied') {
    return {
      comment: `✅ Applied ${code(outcome.stacks)} from ${short(outcome.sourceSha)} (approved by ${outcome.approvers.join(', ')}).`,
      slack: `✅ ${pr}: applied ${outcome.stacks.join(', ')}.`,
    };
  }
  const done = outcome.appliedBefore.length ? ` Applied before it: ${code(outcome.appliedBefore)}.` : '';
  return {
    comment: `❌ Apply of \`${outcome.stack}\` failed.${done} Locks stay with this PR; nothing is retried automatically. Fix the cause, then comment \`/infra plan\` and apply again.\n\n\`\`\`text\n${outcome.error}\n\`\`\``,
    slack: `❌ ${pr}: apply of ${outcome.stack} failed. See the PR.`,
  };
}

/** A change not applied: the PR comment (after a merge: what now differs and how to apply it) and the Slack notice. */
export function renderNotApplied(notice: NotAppliedNotice): { comment: string; slack: string } {
  const { repo, pr, stacks, reason } = notice;
  if (!notice.merged) return { comment: `⛔ Not applied: ${reason}`, slack: `${repo}#${pr}: not applied: ${reason}` };
  const what = stacks.length
    ? `**Merged but not applied:** ${code(stacks)}.`
    : '**Merged but not applied:** nothing from this PR was applied.';
  const done = notice.appliedBefore?.length ? `\n\nApplied before it stopped: ${code(notice.appliedBefore)}.` : '';
  const apply = notice.applyBeforeMerge ? ' (or comment `/infra apply` on it once approved)' : '';
  const branch = `The default branch (${short(notice.sourceSha)}) now declares changes the cloud does not have.`;
  const next = stacks.length
    ? `To apply them, open a follow-up PR that touches ${stacks.length === 1 ? 'this stack' : 'these stacks'} (or comment \`/infra plan ${stacks.join(' ')}\` on any open PR): its plan includes what this PR left unapplied. Get that plan approved and merge it${apply}. \`/infra status\` lists what is still unapplied.`
    : `Open a follow-up PR that fixes what is named above: its plan shows every stack that differs from the cloud. Get that plan approved and merge it${apply}.`;
  return {
    comment: [`⛔ ${what}`, `Why: ${reason}${done}`, `${branch} ${next}`].join('\n\n'),
    slack: `⛔ ${repo}#${pr} was merged but not applied${stacks.length ? ` (${stacks.join(', ')})` : ''}: ${reason}`,
  };
}
