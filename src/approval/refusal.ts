// Why a click is refused, and the facts the words for it need (slack/render-refusal.ts says it). Pure data.
export type RefusalReason =
  | 'invalid-value'
  | 'wrong-workspace'
  | 'not-an-approver'
  | 'approver-unverified'
  | 'self-approval'
  | 'unknown-identity'
  | 'unknown-commit'
  | 'superseded';

export interface RefusalContext {
  /** `owner/repo#pr`, when the button value could be read. */
  pullRequest?: string;
  approvers?: readonly string[];
  approverOktaGroup?: string;
  /** The head SHA the PR is at now (for `superseded`). */
  currentHeadSha?: string;
  /** True when the head is unchanged but the PR was planned again. */
  replanned?: boolean;
  /** The commit the button names (for `unknown-commit`). */
  requestedSha?: string;
}
