import type { Migration } from './migration.js';

// Times are epoch milliseconds (INTEGER), JSON is TEXT.
export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  action TEXT,
  repo TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX deliveries_received_at ON deliveries (received_at);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted', 'superseded')),
  run_at INTEGER NOT NULL,
  concurrency_key TEXT,
  retry_policy TEXT NOT NULL CHECK (retry_policy IN ('retry', 'never')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  worker_id TEXT,
  lease_until INTEGER,
  last_error TEXT,
  result TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX jobs_due ON jobs (status, run_at, id);
CREATE INDEX jobs_concurrency_key ON jobs (concurrency_key, status) WHERE concurrency_key IS NOT NULL;
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE status = 'running';
-- The database itself refuses a second running job per key, whatever a claimer believed.
CREATE UNIQUE INDEX jobs_one_running_per_key ON jobs (concurrency_key)
  WHERE status = 'running' AND concurrency_key IS NOT NULL;

CREATE TABLE stack_locks (
  repo TEXT NOT NULL,
  stack TEXT NOT NULL,
  pr INTEGER NOT NULL,
  head_sha TEXT NOT NULL,
  owner TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (repo, stack)
);
CREATE INDEX stack_locks_pr ON stack_locks (repo, pr);

CREATE TABLE plans (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  head_sha TEXT NOT NULL,
  stack TEXT NOT NULL,
  spec_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'failed', 'no-changes', 'superseded', 'discarded')),
  summary_json TEXT NOT NULL,
  plan_file TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX plans_pr ON plans (repo, pr, stack, created_at);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  head_sha TEXT NOT NULL,
  approver_key TEXT NOT NULL,
  plan_ids TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  approver TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  stale INTEGER NOT NULL DEFAULT 0,
  UNIQUE (repo, pr, head_sha, approver_key)
);

CREATE TABLE approval_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  repo TEXT NOT NULL,
  pr INTEGER NOT NULL,
  head_sha TEXT NOT NULL,
  channel TEXT NOT NULL,
  ts TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (repo, pr, head_sha)
);

CREATE TABLE deadlines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  repo TEXT NOT NULL,
  spec_key TEXT NOT NULL,
  stack TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  owner TEXT,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
  outcome TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (repo, spec_key)
);
CREATE INDEX deadlines_due ON deadlines (status, due_at);

CREATE TABLE deadline_reminders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  deadline_id INTEGER NOT NULL REFERENCES deadlines (id) ON DELETE CASCADE,
  remind_at INTEGER NOT NULL,
  sent_at INTEGER,
  UNIQUE (deadline_id, remind_at)
);
CREATE INDEX deadline_reminders_due ON deadline_reminders (remind_at) WHERE sent_at IS NULL;

CREATE TABLE comment_ids (
  repo TEXT NOT NULL,
  issue INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  ids TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (repo, issue, purpose)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  repo TEXT,
  pr INTEGER,
  stack TEXT,
  sha TEXT,
  outcome TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX audit_log_repo_pr ON audit_log (repo, pr, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
`,
  },
  {
    version: 2,
    name: 'run-locks',
    // Mutual exclusion of terraform runs on one stack (an apply and an expiry destroy never overlap), separate
    // from the PR locks in stack_locks, which a PR holds for days.
    sql: `
CREATE TABLE run_locks (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  acquired_at INTEGER NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'approval-request-content',
    // What the approval message showed, so a decision can re-render it without asking the plan again.
    sql: `
ALTER TABLE approval_messages ADD COLUMN request_json TEXT;
`,
  },
  {
    version: 4,
    name: 'lock-waiters',
    // The PRs told "locked by #N", with the job that re-evaluates each: releasing the lock queues those jobs in
    // the same transaction, so a crash between the release and the re-plan loses no waiter.
    sql: `
CREATE TABLE lock_waiters (
  repo TEXT NOT NULL,
  stack TEXT NOT NULL,
  pr INTEGER NOT NULL,
  waiting_on INTEGER NOT NULL,
  job_json TEXT NOT NULL,
  waiting_since INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (repo, stack, pr)
);
CREATE INDEX lock_waiters_pr ON lock_waiters (repo, pr);
`,
  },
  {
    version: 5,
    name: 'unapplied-merges',
    // Stacks a merged PR changed on the default branch but infra-bot did not apply (no approval for the merged
    // head, stale or drifted plan, refused apply): shown on the PR, in status and in the next plan of the stack,
    // until the stack is applied again.
    sql: `
CREATE TABLE unapplied_merges (
  repo TEXT NOT NULL,
  stack TEXT NOT NULL,
  pr INTEGER NOT NULL,
  sha TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (repo, stack, pr)
);
`,
  },
];
