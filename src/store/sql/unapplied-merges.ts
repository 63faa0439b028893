import type { UnappliedMerge } from '../records.js';
import type { Store } from '../store.js';
import { compareText, num, placeholders, str, toDate } from './rows.js';
import type { Row, SqlDb, SqlParam } from './sql-db.js';

const toUnapplied = (row: Row): UnappliedMerge => ({
  repo: str(row, 'repo'),
  stack: str(row, 'stack'),
  pr: num(row, 'pr'),
  sha: str(row, 'sha'),
  reason: str(row, 'reason'),
  recordedAt: toDate(row.recorded_at),
});

/** Merged-but-not-applied stacks, one row per (repo, stack, PR). */
export function unappliedMerges(
  db: SqlDb,
): Pick<Store, 'recordUnappliedMerge' | 'listUnappliedMerges' | 'clearUnappliedMerges'> {
  return {
    async recordUnappliedMerge({ repo, pr, sha, reason, recordedAt, stacks }) {
      if (stacks.length === 0) return;
      await db.transaction(async (tx) => {
        for (const stack of new Set(stacks)) {
          await tx.run(
            `INSERT INTO unapplied_merges (repo, stack, pr, sha, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (repo, stack, pr) DO UPDATE SET sha = excluded.sha, reason = excluded.reason,
               recorded_at = excluded.recorded_at`,
            [repo, stack, pr, sha, reason, recordedAt],
          );
        }
      });
    },

    async listUnappliedMerges({ repo, pr, stacks }) {
      if (stacks && stacks.length === 0) return [];
      const where = ['repo = ?'];
      const params: SqlParam[] = [repo];
      if (pr !== undefined) {
        where.push('pr = ?');
        params.push(pr);
      }
      if (stacks) {
        where.push(`stack IN (${placeholders(stacks.length)})`);
        params.push(...stacks);
      }
      const rows = await db.all(`SELECT * FROM unapplied_merges WHERE ${where.join(' AND ')}`, params);
      return rows
        .map(toUnapplied)
        .sort(
          (a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.pr - b.pr || compareText(a.stack, b.stack),
        );
    },

    async clearUnappliedMerges({ repo, stacks }) {
      if (stacks.length === 0) return 0;
      return db.run(`DELETE FROM unapplied_merges WHERE repo = ? AND stack IN (${placeholders(stacks.length)})`, [
        repo,
        ...stacks,
      ]);
    },
  };
}
