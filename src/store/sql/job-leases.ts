import type { Job } from '../records.js';
import type { RecoveredLeases, Store, StoreClock } from '../store.js';
import { toJob } from './job-row.js';
import { isRowId, toJsonText } from './rows.js';
import type { SqlDb, SqlExecutor } from './sql-db.js';

type Outcome =
  | { status: 'queued'; error: string; runAt?: Date; uncount?: boolean }
  | { status: 'interrupted' | 'failed'; error: string };

/** Moves one running job out of `running`; undefined when it is no longer running (someone else moved it). */
async function settle(tx: SqlExecutor, job: Job, outcome: Outcome, now: Date): Promise<Job | undefined> {
  const row =
    outcome.status === 'queued'
      ? await tx.get(
          `UPDATE jobs SET status = 'queued', worker_id = NULL, lease_until = NULL, run_at = ?, last_error = ?,
                           attempts = attempts - ?, updated_at = ?
           WHERE id = ? AND status = 'running' RETURNING *`,
          [outcome.runAt ?? now, outcome.error, outcome.uncount ? 1 : 0, now, job.id],
        )
      : await tx.get(
          `UPDATE jobs SET status = ?, lease_until = NULL, last_error = ?, finished_at = ?, updated_at = ?
           WHERE id = ? AND status = 'running' RETURNING *`,
          [outcome.status, outcome.error, now, now, job.id],
        );
  return row ? toJob(row) : undefined;
}

async function settleAll(
  db: SqlDb,
  select: { sql: string; params: (string | Date)[] },
  decide: (job: Job) => Outcome,
  now: Date,
): Promise<RecoveredLeases> {
  const lock = db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  return db.transaction(async (tx) => {
    const recovered: RecoveredLeases = { requeued: [], interrupted: [] };
    for (const row of await tx.all(`${select.sql} ORDER BY id ${lock}`, select.params)) {
      const job = toJob(row);
      const settled = await settle(tx, job, decide(job), now);
      if (settled?.status === 'queued') recovered.requeued.push(settled);
      if (settled?.status === 'interrupted') recovered.interrupted.push(settled);
    }
    return recovered;
  });
}

const canRetry = (job: Job) => job.retryPolicy === 'retry' && job.attempts < job.maxAttempts;

export function jobLeases(
  db: SqlDb,
  clock: StoreClock,
): Pick<Store, 'heartbeat' | 'complete' | 'fail' | 'recoverExpiredLeases' | 'releaseWorkerJobs'> {
  return {
    async heartbeat(jobId, workerId, leaseMs, now) {
      if (!isRowId(jobId)) return false;
      const changed = await db.run(
        `UPDATE jobs SET lease_until = ?, updated_at = ? WHERE id = ? AND worker_id = ? AND status = 'running'`,
        [new Date(now.getTime() + leaseMs), now, jobId, workerId],
      );
      return changed === 1;
    },

    async complete(jobId, workerId, result) {
      if (!isRowId(jobId)) return undefined;
      const now = clock.now();
      const row = await db.get(
        `UPDATE jobs SET status = 'done', result = ?, lease_until = NULL, finished_at = ?, updated_at = ?
         WHERE id = ? AND worker_id = ? AND status = 'running' RETURNING *`,
        [result === undefined ? null : toJsonText(result), now, now, jobId, workerId],
      );
      return row ? toJob(row) : undefined;
    },

    async fail(jobId, workerId, { error, retryAt }) {
      if (!isRowId(jobId)) return undefined;
      const lock = db.dialect === 'postgres' ? 'FOR UPDATE' : '';
      return db.transaction(async (tx) => {
        const row = await tx.get(`SELECT * FROM jobs WHERE id = ? AND worker_id = ? AND status = 'running' ${lock}`, [
          jobId,
          workerId,
        ]);
        if (!row) return undefined;
        const job = toJob(row);
        if (retryAt && canRetry(job)) {
          return settle(tx, job, { status: 'queued', error, runAt: retryAt }, clock.now());
        }
        return settle(tx, job, { status: 'failed', error }, clock.now());
      });
    },

    recoverExpiredLeases: (now) =>
      settleAll(
        db,
        { sql: `SELECT * FROM jobs WHERE status = 'running' AND lease_until < ?`, params: [now] },
        (job) => {
          const expired = `lease expired at ${job.leaseUntil?.toISOString()}`;
          return canRetry(job)
            ? { status: 'queued', error: `retrying: the worker stopped while it ran (${expired})` }
            : { status: 'interrupted', error: `interrupted: the worker stopped while it ran (${expired})` };
        },
        now,
      ),

    releaseWorkerJobs: (workerId) =>
      settleAll(
        db,
        { sql: `SELECT * FROM jobs WHERE status = 'running' AND worker_id = ?`, params: [workerId] },
        (job) =>
          // A shutdown is not the job's fault, so a retryable job does not lose an attempt to it.
          job.retryPolicy === 'retry'
            ? { status: 'queued', error: `released: worker ${workerId} shut down while it ran`, uncount: true }
            : { status: 'interrupted', error: `interrupted: worker ${workerId} shut down while it ran` },
        clock.now(),
      ),
  };
}
