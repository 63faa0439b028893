// What a recorded click says on GitHub and back to the clicker, as pure functions of the decision.
import type { ApprovalState } from '../../approval/approval-rules.js';
import type { Decision } from '../../store/records.js';

export interface RecordedDecision {
  decision: Decision;
  /** The approver's Slack display name. */
  name: string;
  githubLogin?: string;
  headSha: string;
  /** What the decisions on that head add up to, this one included. */
  approval: ApprovalState;
}

const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]()#+!|<>@~]/g, (c) => `\\${c}`);

/** The PR comment naming the approver (and the progress while approvals are still missing). */
export function renderDecisionComment(recorded: RecordedDecision): string {
  const { approval, githubLogin } = recorded;
  const verb = recorded.decision === 'approved' ? '✅ Approved' : '⛔ Rejected';
  const progress =
    approval.state === 'pending' ? ` (${approval.approvers.length} of ${approval.required} approvals)` : '';
  return `${verb} in Slack by **${escapeMarkdown(recorded.name)}**${githubLogin ? ` (@${githubLogin})` : ''} for ${recorded.headSha.slice(0, 7)}${progress}.`;
}

/** Ephemeral, to a clicker whose decision on this head was recorded before (a replayed or double click). */
export const ALREADY_RECORDED = 'Your decision on this plan was already recorded.';

/** Ephemeral, when the repo config does not validate: who may approve cannot be told. */
export const configInvalidRefusal = (repo: string): string =>
  `⚠️ The repo config of ${repo} does not validate, so nobody can approve until it is fixed.`;
