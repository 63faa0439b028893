import { StoreError } from '../errors.js';
import type { StackLock } from '../records.js';
import type { Store } from '../store.js';
import { compareText, num, placeholders, str, toDate } from './rows.js';
import type { Row, SqlDb, SqlParam } from './sql-db.js';

const toLock = (row: Row): StackLock => ({
  repo: str(row, 'repo'),
  stack: str(row, 'stack'),
  pr: num(row, 'pr'),
  headSha: str(row, 'head_sha'),
  owner: str(row, 'owner'),
  acquiredAt: toDate(row.acquired_at),
  updatedAt: toDate(row.updated_at),
});

// The holder can release between our failed upsert and our read of it; then we simply try again.
const ACQUIRE_TRIES = 5;

const byRepoAndStack = (a: StackLock, b: StackLock) => compareText(a.repo, b.repo) || compareText(a.stack, b.stack);

export function locks(db: SqlDb): Pick<Store, 'acquireLock' | 'releaseLocks' | 'getLock' | 'listLocks'> {
  const getLock = async (repo: string, stack: string) => {
    const row = await db.get('SELECT * FROM stack_locks WHERE repo = ? AND stack = ?', [repo, stack]);
    return row ? toLock(row) : undefined;
  };

  return {
    async acquireLock({ repo, stack, pr, headSha, owner, now }) {
      for (let tries = 0; tries < ACQUIRE_TRIES; tries += 1) {
        // The primary key (repo, stack) makes this race-free: the row either is ours (new, or already held by
        // this PR, whose head SHA is refreshed) or belongs to someone else and is left untouched.
        const row = await db.get(
          `INSERT INTO stack_locks (repo, stack, pr, head_sha, owner, acquired_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (repo, stack) DO UPDATE
             SET head_sha = excluded.head_sha, owner = excluded.owner, updated_at = excluded.updated_at
             WHERE stack_locks.pr = excluded.pr
           RETURNING *`,
          [repo, stack, pr, headSha, owner, now, now],
        );
        if (row) return { acquired: true, lock: toLock(row) };
        const holder = await getLock(repo, stack);
        if (holder) return { acquired: false, holder };
      }
      throw new StoreError(
        'lock-contention',
        `could not acquire or read the lock of ${repo} ${stack}: it changed hands ${ACQUIRE_TRIES} times`,
      );
    },

    async releaseLocks({ repo, pr, stacks }) {
      if (stacks && stacks.length === 0) return [];
      const params: SqlParam[] = [repo, pr, ...(stacks ?? [])];
      const rows = await db.all(
        `DELETE FROM stack_locks WHERE repo = ? AND pr = ?
         ${stacks ? `AND stack IN (${placeholders(stacks.length)})` : ''} RETURNING *`,
        params,
      );
      return rows.map(toLock).sort(byRepoAndStack);
    },

    getLock,

    async listLocks(filter = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (filter.repo !== undefined) {
        where.push('repo = ?');
        params.push(filter.repo);
      }
      if (filter.pr !== undefined) {
        where.push('pr = ?');
        params.push(filter.pr);
      }
      const rows = await db.all(
        `SELECT * FROM stack_locks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      return rows.map(toLock).sort(byRepoAndStack);
    },
  };
}
