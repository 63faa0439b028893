import type { Store, StoreClock } from '../store.js';
import { parseJson, toJsonText } from './rows.js';
import type { SqlDb } from './sql-db.js';

export function comments(db: SqlDb, clock: StoreClock): Pick<Store, 'saveCommentIds' | 'getCommentIds'> {
  return {
    async saveCommentIds({ repo, issue, purpose, ids }) {
      await db.run(
        `INSERT INTO comment_ids (repo, issue, purpose, ids, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (repo, issue, purpose) DO UPDATE SET ids = excluded.ids, updated_at = excluded.updated_at`,
        [repo, issue, purpose, toJsonText(ids), clock.now()],
      );
    },

    async getCommentIds({ repo, issue, purpose }) {
      const row = await db.get('SELECT ids FROM comment_ids WHERE repo = ? AND issue = ? AND purpose = ?', [
        repo,
        issue,
        purpose,
      ]);
      return row ? (parseJson(row.ids) as number[]) : undefined;
    },
  };
}
