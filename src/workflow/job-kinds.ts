// The jobs the webhook handlers enqueue and the worker runs. Payloads are plain JSON.

export const JOB_KINDS = {
  evaluatePullRequest: 'pr.evaluate',
  closePullRequest: 'pr.closed',
  runCommand: 'comment.command',
  requestApproval: 'approval.request',
  handleApprovalClick: 'approval.click',
  moveCard: 'project.move',
  applyPullRequest: 'pr.apply',
  expireSpec: 'deadline.expire',
  remindExpiry: 'deadline.remind',
  checkDrift: 'drift.check',
} as const;

/** Every job kind; a Record over it (handlers, reporters) must name each one. */
export type JobKind = (typeof JOB_KINDS)[keyof typeof JOB_KINDS];

export interface RepoTarget {
  installationId: number;
  owner: string;
  repo: string;
}

export interface EvaluatePullRequestPayload extends RepoTarget {
  pr: number;
  /** The PR's GraphQL node id (for the Projects board). */
  nodeId?: string;
  headRef?: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  author: string;
  title: string;
  trigger: 'opened' | 'synchronize' | 'reopened' | 'command';
  /** `/infra plan stack…`: only these stacks. */
  onlyStacks?: string[];
  requestedBy?: string;
}

export interface ClosePullRequestPayload extends RepoTarget {
  pr: number;
  nodeId?: string;
  merged: boolean;
  headSha: string;
  mergeCommitSha?: string;
}

export interface RunCommandPayload extends RepoTarget {
  /** Issue or PR number (GitHub numbers them together). */
  number: number;
  isPullRequest: boolean;
  commentId: number;
  body: string;
  sender: { login: string; type: string };
}

export const fullName = (target: { owner: string; repo: string }): string => `${target.owner}/${target.repo}`;

/** Concurrency key of everything that evaluates one PR: one run at a time, a newer push supersedes a queued one. */
export const pullRequestKey = (target: { owner: string; repo: string }, pr: number): string =>
  `pr:${fullName(target)}#${pr}`;

export interface RequestApprovalPayload extends RepoTarget {
  pr: number;
  title: string;
  url: string;
  author: string;
  headSha: string;
  planIds: string[];
  stacks: Array<{
    stack: string;
    counts: { create: number; update: number; delete: number; replace: number; read: number; forget: number };
  }>;
  /** Slack mrkdwn, already escaped. */
  intentSummary: string;
  expiries: Array<{ spec: string; ttl?: string; expiresAt?: string }>;
  /** `approvals.slackChannel` and `approvals.required` of the repo config the plan ran with. */
  channel?: string;
  required: number;
}

export interface MoveCardPayload extends RepoTarget {
  pr: number;
  nodeId: string;
  /** `notApplied`: merged, but the change was not applied (see apply/not-applied.ts). */
  column: 'planned' | 'applying' | 'done' | 'notApplied';
}

export interface ApplyPullRequestPayload extends RepoTarget {
  pr: number;
  nodeId?: string;
  /** The approved head. */
  headSha: string;
  /** What to apply: the merge commit after merge, the head for `/infra apply` before merge. */
  sourceSha: string;
  mode: 'merge' | 'command';
  onlyStacks?: string[];
  requestedBy: string;
}

export interface DeadlinePayload {
  deadlineId: string;
  repo: string;
  specKey: string;
  /** For reminders: which one. */
  reminderId?: string;
  /** For reminders: when it was due (ISO), to skip one already sent by an earlier job. */
  remindAt?: string;
}

export interface DriftPayload extends RepoTarget {
  /** Run even if this period's run already happened (`/infra plan` on a drift issue). */
  force?: boolean;
  onlyStack?: string;
}
