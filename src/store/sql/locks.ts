import { StoreError } from '../errors.js';
import { repoPrWhere } from './repo-pr-filter.js';
import type { StackLock } from '../records.js';
import type { AcquireLockResult, Store, StoreClock } from '../store.js';
import { dropWaits, recordWaiter, wakeWaiters } from './lock-waiters.js';
import { compareText, num, placeholders, str, toDate } from './rows.js';
import type { Row, SqlDb, SqlExecutor, SqlParam } from './sql-db.js';

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

export function locks(
  db: SqlDb,
  clock: StoreClock,
): Pick<Store, 'acquireLock' | 'releaseLocks' | 'getLock' | 'listLocks'> {
  const readLock = async (tx: SqlExecutor, repo: string, stack: string) => {
    const row = await tx.get('SELECT * FROM stack_locks WHERE repo = ? AND stack = ?', [repo, stack]);
    return row ? toLock(row) : undefined;
  };
  const getLock = (repo: string, stack: string) => readLock(db, repo, stack);

  return {
    acquireLock: ({ repo, stack, pr, headSha, owner, now, wakeJob }) =>
      // One transaction: a refusal and its waiter record commit together, so a release cannot slip in between
      // and find no waiter to wake (PostgreSQL: the conflicting upsert holds the holder's row until commit).
      db.transaction(async (tx): Promise<AcquireLockResult> => {
        for (let tries = 0; tries < ACQUIRE_TRIES; tries += 1) {
          // The primary key (repo, stack) makes this race-free: the row either is ours (new, or already held by
          // this PR, whose head SHA is refreshed) or belongs to someone else and is left untouched.
          const row = await tx.get(
            `INSERT INTO stack_locks (repo, stack, pr, head_sha, owner, acquired_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (repo, stack) DO UPDATE
               SET head_sha = excluded.head_sha, owner = excluded.owner, updated_at = excluded.updated_at
               WHERE stack_locks.pr = excluded.pr
             RETURNING *`,
            [repo, stack, pr, headSha, owner, now, now],
          );
          if (row) {
            await dropWaits(tx, { repo, pr, stacks: [stack] });
            return { acquired: true, lock: toLock(row) };
          }
          const holder = await readLock(tx, repo, stack);
          if (holder) {
            if (wakeJob) await recordWaiter(tx, { repo, stack, pr, waitingOn: holder.pr, job: wakeJob, now });
            return { acquired: false, holder };
          }
        }
        throw new StoreError(
          'lock-contention',
          `could not acquire or read the lock of ${repo} ${stack}: it changed hands ${ACQUIRE_TRIES} times`,
        );
      }),

    async releaseLocks({ repo, pr, stacks }) {
      if (stacks && stacks.length === 0) return [];
      const params: SqlParam[] = [repo, pr, ...(stacks ?? [])];
      return db.transaction(async (tx) => {
        const rows = await tx.all(
          `DELETE FROM stack_locks WHERE repo = ? AND pr = ?
           ${stacks ? `AND stack IN (${placeholders(stacks.length)})` : ''} RETURNING *`,
          params,
        );
        const released = rows.map(toLock).sort(byRepoAndStack);
        const freed = released.map((lock) => lock.stack);
        await wakeWaiters(tx, { repo, releasedBy: pr, stacks: freed, now: clock.now() });
        return released;
      });
    },

    getLock,

    async listLocks(filter = {}) {
      const { where, params } = repoPrWhere(filter);
      const rows = await db.all(`SELECT * FROM stack_locks ${where}`, params);
      return rows.map(toLock).sort(byRepoAndStack);
    },
  };
}
