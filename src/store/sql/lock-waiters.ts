import { StoreError } from '../errors.js';
import { repoPrWhere } from './repo-pr-filter.js';
import type { LockWaiter, Store, WakeJob } from '../store.js';
import { insertJob } from './enqueue-job.js';
import { compareText, num, parseJson, placeholders, str, toDate, toJsonText } from './rows.js';
import type { Row, SqlDb, SqlExecutor, SqlParam } from './sql-db.js';

// Who waits on which stack lock, and the job that re-evaluates each when the lock frees. The writes run inside
// the transactions of locks.ts (a refusal records its waiter, a release queues the waiters' jobs), so no waiter
// is lost between a release and its re-plan.

const toWaiter = (row: Row): LockWaiter => ({
  repo: str(row, 'repo'),
  stack: str(row, 'stack'),
  pr: num(row, 'pr'),
  waitingOn: num(row, 'waiting_on'),
  job: parseJson(row.job_json) as WakeJob,
  waitingSince: toDate(row.waiting_since),
});

const oldestFirst = (a: LockWaiter, b: LockWaiter) =>
  a.waitingSince.getTime() - b.waitingSince.getTime() ||
  compareText(a.repo, b.repo) ||
  a.pr - b.pr ||
  compareText(a.stack, b.stack);

/** Upsert: a PR refused again keeps its place in line (waitingSince) and gets its newest job. */
export async function recordWaiter(
  tx: SqlExecutor,
  input: { repo: string; stack: string; pr: number; waitingOn: number; job: WakeJob; now: Date },
): Promise<void> {
  if (!input.job.kind) throw new StoreError('invalid-input', `the wake job of #${input.pr} needs a kind`);
  const job: WakeJob = {
    kind: input.job.kind,
    payload: input.job.payload,
    retryPolicy: input.job.retryPolicy,
    ...(input.job.concurrencyKey !== undefined && { concurrencyKey: input.job.concurrencyKey }),
    ...(input.job.maxAttempts !== undefined && { maxAttempts: input.job.maxAttempts }),
  };
  await tx.run(
    `INSERT INTO lock_waiters (repo, stack, pr, waiting_on, job_json, waiting_since, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (repo, stack, pr) DO UPDATE
       SET waiting_on = excluded.waiting_on, job_json = excluded.job_json, updated_at = excluded.updated_at`,
    [input.repo, input.stack, input.pr, input.waitingOn, toJsonText(job), input.now, input.now],
  );
}

export async function dropWaits(
  tx: SqlExecutor,
  input: { repo: string; pr: number; stacks?: readonly string[] },
): Promise<number> {
  if (input.stacks && input.stacks.length === 0) return 0;
  const params: SqlParam[] = [input.repo, input.pr, ...(input.stacks ?? [])];
  return tx.run(
    `DELETE FROM lock_waiters WHERE repo = ? AND pr = ?
     ${input.stacks ? `AND stack IN (${placeholders(input.stacks.length)})` : ''}`,
    params,
  );
}

/**
 * The stacks were just released by `releasedBy`: queue one wake job per other PR waiting on any of them, oldest
 * waiter first, and forget those waits (a PR still refused records itself again). A PR that already has a queued
 * job of the same kind and key (e.g. a newer push) gets none: that job re-takes the locks anyway.
 */
export async function wakeWaiters(
  tx: SqlExecutor,
  input: { repo: string; releasedBy: number; stacks: readonly string[]; now: Date },
): Promise<void> {
  if (input.stacks.length === 0) return;
  const rows = await tx.all(
    `DELETE FROM lock_waiters WHERE repo = ? AND stack IN (${placeholders(input.stacks.length)}) AND pr <> ?
     RETURNING *`,
    [input.repo, ...input.stacks, input.releasedBy],
  );
  const woken = new Set<number>();
  for (const waiter of rows.map(toWaiter).sort(oldestFirst)) {
    if (woken.has(waiter.pr)) continue;
    woken.add(waiter.pr);
    const { job } = waiter;
    if (job.concurrencyKey !== undefined) {
      if (tx.dialect === 'postgres') {
        // The lock superseding enqueues take (enqueue-job.ts): two releases, or a release and a push, take turns.
        await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [
          `infra-bot:enqueue:${job.concurrencyKey}`,
        ]);
      }
      const queued = await tx.get(
        `SELECT id FROM jobs WHERE status = 'queued' AND kind = ? AND concurrency_key = ? LIMIT 1`,
        [job.kind, job.concurrencyKey],
      );
      if (queued) continue;
    }
    await insertJob(tx, job, input.now);
  }
}

export function lockWaiters(db: SqlDb): Pick<Store, 'listLockWaiters' | 'forgetLockWaits'> {
  return {
    async listLockWaiters(filter = {}) {
      const { where, params } = repoPrWhere(filter);
      const rows = await db.all(`SELECT * FROM lock_waiters ${where}`, params);
      return rows.map(toWaiter).sort(oldestFirst);
    },

    forgetLockWaits: (input) => dropWaits(db, input),
  };
}
