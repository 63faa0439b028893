// The durable store behind every flow: one interface, two engines (SQLite by default, PostgreSQL for replicas).
// Both engines run the same SQL layer (`sql/`) and pass the same test suite.
import type {
  ApprovalMessage,
  Approver,
  AuditEntry,
  Deadline,
  DeadlineStatus,
  Decision,
  DecisionRecord,
  Delivery,
  DueReminder,
  Job,
  JobStatus,
  PlanRecord,
  RetryPolicy,
  StackLock,
  UnappliedMerge,
} from './records.js';

export type * from './records.js';

/** Where the store reads "now" for bookkeeping times (jobs' createdAt, default runAt…). */
export interface StoreClock {
  now(): Date;
}

export interface EnqueueInput {
  kind: string;
  /** JSON-serialisable; Dates inside become ISO strings. */
  payload: unknown;
  /** Default: now. */
  runAt?: Date;
  /** At most one running job per key (e.g. `stack:acme/infra:ec2-devbox`). */
  concurrencyKey?: string;
  /** Cancel queued jobs of the same kind and concurrencyKey (status `superseded`) before queueing this one. */
  supersede?: boolean;
  /** Default: 5 for `retry`, 1 for `never`. */
  maxAttempts?: number;
  retryPolicy: RetryPolicy;
}

export interface ClaimInput {
  workerId: string;
  leaseMs: number;
  now: Date;
  /** Only claim these kinds (a worker never takes a job it has no handler for). */
  kinds?: string[];
}

export interface RecoveredLeases {
  /** Retryable jobs put back in the queue. */
  requeued: Job[];
  /** Jobs that must not run again by themselves: report them. */
  interrupted: Job[];
}

export type AcquireLockResult = { acquired: true; lock: StackLock } | { acquired: false; holder: StackLock };

/** The job queued for a waiting PR when the lock frees (its runAt is "then", so none is kept). */
export type WakeJob = Pick<EnqueueInput, 'kind' | 'payload' | 'concurrencyKey' | 'retryPolicy' | 'maxAttempts'>;

/** A PR told "locked by #N" on a stack: the lock's release queues `job`. */
export interface LockWaiter {
  repo: string;
  stack: string;
  pr: number;
  /** The holder when the PR was last refused. */
  waitingOn: number;
  job: WakeJob;
  /** When it first waited (kept across refusals): the oldest waiter is woken first. */
  waitingSince: Date;
}

export interface SavePlanInput {
  /** Given: replaces that plan. Absent: a new id is generated. */
  id?: string;
  repo: string;
  pr: number;
  headSha: string;
  stack: string;
  specHash: string;
  status: 'planned' | 'failed' | 'no-changes';
  summaryJson: string;
  planFile?: string;
  createdAt: Date;
}

export interface RecordDecisionInput {
  repo: string;
  pr: number;
  headSha: string;
  planIds: string[];
  decision: Decision;
  /** Needs a slackId or a githubLogin: that is who the decision is deduplicated by. */
  approver: Approver;
  decidedAt: Date;
  source: string;
}

export interface ScheduleDeadlineInput {
  repo: string;
  specKey: string;
  stack: string;
  dueAt: Date;
  owner?: string;
  reminders: Date[];
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';

  /** False when this delivery id was already recorded. */
  recordDelivery(delivery: Delivery): Promise<boolean>;
  /** Whether a delivery id was recorded (read-only). */
  hasDelivery(id: string): Promise<boolean>;
  /** Records the delivery and enqueues its job in one transaction; a duplicate enqueues nothing. */
  recordDeliveryAndEnqueue(delivery: Delivery, job: EnqueueInput): Promise<{ duplicate: boolean; jobId?: string }>;
  /** Forgets deliveries received before the given time (GitHub does not redeliver old ones); returns the count. */
  pruneDeliveries(before: Date): Promise<number>;

  enqueue(input: EnqueueInput): Promise<Job>;
  /** Takes the oldest due queued job whose concurrency key has no running job. */
  claim(input: ClaimInput): Promise<Job | undefined>;
  /** False when the worker no longer holds the job. */
  heartbeat(jobId: string, workerId: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Undefined when the worker no longer holds the job. */
  complete(jobId: string, workerId: string, result?: unknown): Promise<Job | undefined>;
  /** With retryAt, a retryable job with attempts left goes back to the queue; otherwise it fails. */
  fail(jobId: string, workerId: string, failure: { error: string; retryAt?: Date }): Promise<Job | undefined>;
  recoverExpiredLeases(now: Date): Promise<RecoveredLeases>;
  /** Graceful shutdown: retryable jobs go back to the queue (the attempt is not counted), others are interrupted. */
  releaseWorkerJobs(workerId: string): Promise<RecoveredLeases>;
  getJob(id: string): Promise<Job | undefined>;
  /** Newest first. */
  listJobs(filter?: { status?: JobStatus; kind?: string; limit?: number }): Promise<Job[]>;
  countJobsByState(): Promise<Record<JobStatus, number>>;
  /** For the jobs gauge (by state and kind). */
  countJobsByStateAndKind(): Promise<Array<{ status: JobStatus; kind: string; count: number }>>;

  acquireLock(input: {
    repo: string;
    stack: string;
    pr: number;
    headSha: string;
    owner: string;
    now: Date;
    /** Refused: the PR is recorded as waiting, in the same transaction (acquired: its waiter record goes). */
    wakeJob?: WakeJob;
  }): Promise<AcquireLockResult>;
  /**
   * Releases the locks and, in the same transaction, queues the wake job of every other PR waiting on them
   * (oldest waiter first; one job per PR; none when that PR already has one of the kind queued).
   */
  releaseLocks(input: { repo: string; pr: number; stacks?: string[] }): Promise<StackLock[]>;
  /** Oldest first. */
  listLockWaiters(filter?: { repo?: string; pr?: number }): Promise<LockWaiter[]>;
  /** The PR waits no more (closed, or no longer touching those stacks); returns how many waits were dropped. */
  forgetLockWaits(input: { repo: string; pr: number; stacks?: string[] }): Promise<number>;
  getLock(repo: string, stack: string): Promise<StackLock | undefined>;
  listLocks(filter?: { repo?: string; pr?: number }): Promise<StackLock[]>;

  /** Takes the run lock of a key (e.g. `repo:stack`) for a holder (a job id); re-taking one's own lock succeeds. */
  tryRunLock(input: {
    key: string;
    holder: string;
    now: Date;
  }): Promise<{ acquired: true } | { acquired: false; holder: string; since: Date }>;
  /** False when the holder did not hold it. */
  releaseRunLock(input: { key: string; holder: string }): Promise<boolean>;

  savePlan(input: SavePlanInput): Promise<string>;
  getPlan(id: string): Promise<PlanRecord | undefined>;
  /** The newest plan per stack, leaving out superseded and discarded ones. */
  latestPlans(input: { repo: string; pr: number; headSha?: string }): Promise<PlanRecord[]>;
  /** Returns how many plans were marked. */
  markPlansSuperseded(input: { repo: string; pr: number; exceptHeadSha: string }): Promise<number>;
  discardPlans(input: { repo: string; pr: number }): Promise<number>;

  /** The first decision per approver per head SHA wins; a replay returns `recorded: false`. */
  recordDecision(input: RecordDecisionInput): Promise<{ recorded: boolean; decision: DecisionRecord }>;
  listDecisions(input: { repo: string; pr: number; headSha: string }): Promise<DecisionRecord[]>;
  markDecisionsStale(input: { repo: string; pr: number; exceptHeadSha: string }): Promise<number>;
  saveApprovalMessage(input: {
    repo: string;
    pr: number;
    headSha: string;
    channel: string;
    ts: string;
    request?: unknown;
  }): Promise<void>;
  /** Without headSha: the newest message for the PR. */
  getApprovalMessage(input: { repo: string; pr: number; headSha?: string }): Promise<ApprovalMessage | undefined>;

  /** Upsert per (repo, specKey); reminders already sent at the same time are not sent again. */
  scheduleDeadline(input: ScheduleDeadlineInput): Promise<Deadline>;
  dueDeadlines(now: Date, limit: number): Promise<Deadline[]>;
  dueReminders(now: Date, limit: number): Promise<DueReminder[]>;
  markReminderSent(id: string, at: Date): Promise<void>;
  /** False when the deadline was no longer scheduled (already completed or cancelled). */
  completeDeadline(id: string, outcome: string): Promise<boolean>;
  cancelDeadline(repo: string, specKey: string): Promise<boolean>;
  getDeadline(repo: string, specKey: string): Promise<Deadline | undefined>;
  listDeadlines(filter?: { repo?: string; status?: DeadlineStatus }): Promise<Deadline[]>;

  saveCommentIds(input: { repo: string; issue: number; purpose: string; ids: number[] }): Promise<void>;
  getCommentIds(input: { repo: string; issue: number; purpose: string }): Promise<number[] | undefined>;

  /** Upsert per (repo, stack, pr): the latest reason wins. */
  recordUnappliedMerge(input: Omit<UnappliedMerge, 'stack'> & { stacks: readonly string[] }): Promise<void>;
  /** Oldest first; filtered by PR and/or stacks when given. */
  listUnappliedMerges(filter: { repo: string; pr?: number; stacks?: readonly string[] }): Promise<UnappliedMerge[]>;
  /** The stacks were applied: whatever earlier merges left unapplied is now in the cloud. Returns the count. */
  clearUnappliedMerges(input: { repo: string; stacks: readonly string[] }): Promise<number>;

  audit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  listAudit(filter?: { repo?: string; pr?: number; action?: string; limit?: number }): Promise<AuditEntry[]>;

  /** Readiness: throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
