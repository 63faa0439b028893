// What the store hands back. Times are Dates, ids are strings (whatever the engine generates underneath).

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | 'superseded';
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed', 'interrupted', 'superseded'];

/** `retry`: safe to run again after a failure or a crash. `never`: runs at most once (e.g. an apply). */
export type RetryPolicy = 'retry' | 'never';

export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  status: JobStatus;
  /** Not claimed before this time. */
  runAt: Date;
  concurrencyKey?: string;
  retryPolicy: RetryPolicy;
  /** Incremented by each claim. */
  attempts: number;
  maxAttempts: number;
  /** The worker holding (or, for an interrupted job, last holding) the job. */
  workerId?: string;
  leaseUntil?: Date;
  lastError?: string;
  result?: unknown;
  createdAt: Date;
  updatedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface Delivery {
  id: string;
  event: string;
  action?: string;
  repo?: string;
  receivedAt: Date;
}

export interface StackLock {
  repo: string;
  stack: string;
  pr: number;
  headSha: string;
  owner: string;
  acquiredAt: Date;
  updatedAt: Date;
}

export type PlanStatus = 'planned' | 'failed' | 'no-changes' | 'superseded' | 'discarded';

export interface PlanRecord {
  id: string;
  repo: string;
  pr: number;
  headSha: string;
  stack: string;
  specHash: string;
  status: PlanStatus;
  /** Opaque JSON text, returned exactly as saved. */
  summaryJson: string;
  planFile?: string;
  createdAt: Date;
}

export interface Approver {
  slackId?: string;
  githubLogin?: string;
  email?: string;
  name: string;
}

export type Decision = 'approved' | 'rejected';

export interface DecisionRecord {
  id: string;
  repo: string;
  pr: number;
  headSha: string;
  planIds: string[];
  decision: Decision;
  approver: Approver;
  decidedAt: Date;
  /** Where the decision came from, e.g. `slack`. */
  source: string;
  /** True once a newer head SHA was pushed: the decision no longer counts. */
  stale: boolean;
}

export interface ApprovalMessage {
  repo: string;
  pr: number;
  headSha: string;
  channel: string;
  ts: string;
  createdAt: Date;
  /** What the message showed (opaque JSON saved with it), so a decision can re-render it. */
  request?: unknown;
}

export type DeadlineStatus = 'scheduled' | 'completed' | 'cancelled';

export interface Deadline {
  id: string;
  repo: string;
  /** `kind/name` of the spec that expires. */
  specKey: string;
  stack: string;
  dueAt: Date;
  owner?: string;
  status: DeadlineStatus;
  outcome?: string;
  reminders: { at: Date; sentAt?: Date }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface DueReminder {
  /** The reminder's id, for `markReminderSent`. */
  id: string;
  remindAt: Date;
  deadline: Deadline;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  repo?: string;
  pr?: number;
  stack?: string;
  sha?: string;
  outcome: string;
  detail?: unknown;
}

/** A stack a merged PR changed on the default branch that was never applied (until the stack is applied again). */
export interface UnappliedMerge {
  repo: string;
  stack: string;
  pr: number;
  /** The merge commit (what the default branch holds). */
  sha: string;
  /** Why it was not applied, in words for the PR and status. */
  reason: string;
  recordedAt: Date;
}
