import { JOB_STATUSES } from '../records.js';
import type { Job, JobStatus } from '../records.js';
import type { Store, StoreClock } from '../store.js';
import { enqueueJob } from './enqueue-job.js';
import { toJob } from './job-row.js';
import { isRowId, placeholders } from './rows.js';
import type { SqlDb, SqlParam } from './sql-db.js';

const CLAIM_TRIES = 8;

/** A unique violation: another claimer started a job with the same concurrency key first. */
const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

export function jobsQueue(
  db: SqlDb,
  clock: StoreClock,
): Pick<Store, 'enqueue' | 'claim' | 'getJob' | 'listJobs' | 'countJobsByState' | 'countJobsByStateAndKind'> {
  return {
    enqueue: (input) => db.transaction((tx) => enqueueJob(tx, input, clock.now())),

    async claim({ workerId, leaseMs, now, kinds }) {
      if (kinds && kinds.length === 0) return undefined;
      const kindFilter = kinds ? `AND j.kind IN (${placeholders(kinds.length)})` : '';
      // PostgreSQL: concurrent claimers skip each other's candidate rows instead of queueing behind them.
      const lock = db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
      for (let tries = 0; tries < CLAIM_TRIES; tries += 1) {
        try {
          const claimed = await db.transaction(async (tx) => {
            const candidate = await tx.get<{ id: string }>(
              `SELECT j.id FROM jobs j
               WHERE j.status = 'queued' AND j.run_at <= ? ${kindFilter}
                 AND (j.concurrency_key IS NULL OR NOT EXISTS (
                   SELECT 1 FROM jobs r WHERE r.concurrency_key = j.concurrency_key AND r.status = 'running'))
               ORDER BY j.run_at, j.id LIMIT 1 ${lock}`,
              [now, ...(kinds ?? [])],
            );
            if (!candidate) return null;
            const row = await tx.get(
              `UPDATE jobs SET status = 'running', worker_id = ?, lease_until = ?, attempts = attempts + 1,
                               started_at = ?, updated_at = ?
               WHERE id = ? AND status = 'queued' RETURNING *`,
              [workerId, new Date(now.getTime() + leaseMs), now, now, candidate.id],
            );
            return row ? toJob(row) : 'lost';
          });
          if (claimed === null) return undefined;
          if (claimed !== 'lost') return claimed;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      // Every try lost a race to another claimer: nothing is claimable for us right now.
      return undefined;
    },

    async getJob(id) {
      if (!isRowId(id)) return undefined;
      const row = await db.get('SELECT * FROM jobs WHERE id = ?', [id]);
      return row ? toJob(row) : undefined;
    },

    async listJobs(filter = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (filter.status) {
        where.push('status = ?');
        params.push(filter.status);
      }
      if (filter.kind) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      const rows = await db.all(
        `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        [...params, filter.limit ?? 100],
      );
      return rows.map((row): Job => toJob(row));
    },

    async countJobsByState() {
      const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
      const rows = await db.all<{ status: JobStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM jobs GROUP BY status',
      );
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },

    async countJobsByStateAndKind() {
      const rows = await db.all<{ status: JobStatus; kind: string; n: number }>(
        'SELECT status, kind, COUNT(*) AS n FROM jobs GROUP BY status, kind ORDER BY status, kind',
      );
      return rows.map((row) => ({ status: row.status, kind: row.kind, count: Number(row.n) }));
    },
  };
}
