import type { Store } from '../store.js';
import { str, toDate } from './rows.js';
import type { SqlDb } from './sql-db.js';

/** Short-lived locks around one terraform run per stack; the holder is a job id. */
export function runLocks(db: SqlDb): Pick<Store, 'tryRunLock' | 'releaseRunLock'> {
  return {
    async tryRunLock({ key, holder, now }) {
      const inserted = await db.get(
        `INSERT INTO run_locks (key, holder, acquired_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET acquired_at = run_locks.acquired_at WHERE run_locks.holder = excluded.holder
         RETURNING *`,
        [key, holder, now],
      );
      if (inserted) return { acquired: true };
      const row = await db.get('SELECT * FROM run_locks WHERE key = ?', [key]);
      if (!row) return this.tryRunLock({ key, holder, now });
      return { acquired: false, holder: str(row, 'holder'), since: toDate(row.acquired_at) };
    },
    async releaseRunLock({ key, holder }) {
      const row = await db.get('DELETE FROM run_locks WHERE key = ? AND holder = ? RETURNING key', [key, holder]);
      return row !== undefined;
    },
  };
}
