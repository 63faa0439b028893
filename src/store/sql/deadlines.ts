import { StoreError } from '../errors.js';
import type { Store, StoreClock } from '../store.js';
import { withReminders } from './deadline-rows.js';
import { isRowId, placeholders, str, toDate } from './rows.js';
import type { SqlDb, SqlParam } from './sql-db.js';

export function deadlines(
  db: SqlDb,
  clock: StoreClock,
): Pick<
  Store,
  | 'scheduleDeadline'
  | 'dueDeadlines'
  | 'dueReminders'
  | 'markReminderSent'
  | 'completeDeadline'
  | 'cancelDeadline'
  | 'getDeadline'
  | 'listDeadlines'
> {
  return {
    scheduleDeadline: (input) =>
      db.transaction(async (tx) => {
        if ([input.dueAt, ...input.reminders].some((at) => Number.isNaN(at.getTime()))) {
          throw new StoreError(
            'invalid-input',
            `the deadline of ${input.specKey} or one of its reminders is not a date`,
          );
        }
        const now = clock.now();
        const previous = await tx.get('SELECT id, status FROM deadlines WHERE repo = ? AND spec_key = ?', [
          input.repo,
          input.specKey,
        ]);
        const row = await tx.get(
          `INSERT INTO deadlines (repo, spec_key, stack, due_at, owner, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?)
           ON CONFLICT (repo, spec_key) DO UPDATE SET stack = excluded.stack, due_at = excluded.due_at,
             owner = excluded.owner, status = 'scheduled', outcome = NULL, updated_at = excluded.updated_at
           RETURNING *`,
          [input.repo, input.specKey, input.stack, input.dueAt, input.owner, now, now],
        );
        if (!row) throw new StoreError('not-found', `the deadline of ${input.specKey} was not written`);
        const id = str(row, 'id');
        const times = [...new Set(input.reminders.map((at) => at.getTime()))];
        // A finished deadline scheduled again starts afresh; a moved one keeps the reminders already sent at the
        // same times, so re-scheduling the same deadline never sends a reminder twice.
        const keepSent = previous !== undefined && str(previous, 'status') === 'scheduled';
        const stale = keepSent && times.length > 0 ? `AND remind_at NOT IN (${placeholders(times.length)})` : '';
        await tx.run(`DELETE FROM deadline_reminders WHERE deadline_id = ? ${stale}`, [id, ...(stale ? times : [])]);
        for (const at of times) {
          await tx.run(
            `INSERT INTO deadline_reminders (deadline_id, remind_at) VALUES (?, ?)
             ON CONFLICT (deadline_id, remind_at) DO NOTHING`,
            [id, at],
          );
        }
        const [deadline] = await withReminders(tx, [row], { sql: '?', params: [id] });
        return deadline!;
      }),

    async dueDeadlines(now, limit) {
      const due = `FROM deadlines WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at, id LIMIT ?`;
      const rows = await db.all(`SELECT * ${due}`, [now, limit]);
      return withReminders(db, rows, { sql: `SELECT id ${due}`, params: [now, limit] });
    },

    async dueReminders(now, limit) {
      // A reminder for a deadline that is already due is not sent: the expiry itself is the news.
      const rows = await db.all(
        `SELECT r.id AS reminder_id, r.remind_at AS reminder_at, d.* FROM deadline_reminders r
         JOIN deadlines d ON d.id = r.deadline_id
         WHERE r.sent_at IS NULL AND r.remind_at <= ? AND d.status = 'scheduled' AND d.due_at > ?
         ORDER BY r.remind_at, r.id LIMIT ?`,
        [now, now, limit],
      );
      const ids = [...new Set(rows.map((row) => str(row, 'id')))];
      const deadlines = await withReminders(db, rows, { sql: placeholders(ids.length), params: ids });
      return rows.map((row, index) => ({
        id: str(row, 'reminder_id'),
        remindAt: toDate(row.reminder_at),
        deadline: deadlines[index]!,
      }));
    },

    async markReminderSent(id, at) {
      if (!isRowId(id)) return;
      await db.run('UPDATE deadline_reminders SET sent_at = ? WHERE id = ? AND sent_at IS NULL', [at, id]);
    },

    async completeDeadline(id, outcome) {
      if (!isRowId(id)) return false;
      const changed = await db.run(
        `UPDATE deadlines SET status = 'completed', outcome = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'`,
        [outcome, clock.now(), id],
      );
      return changed === 1;
    },

    async cancelDeadline(repo, specKey) {
      const changed = await db.run(
        `UPDATE deadlines SET status = 'cancelled', updated_at = ?
         WHERE repo = ? AND spec_key = ? AND status = 'scheduled'`,
        [clock.now(), repo, specKey],
      );
      return changed === 1;
    },

    async getDeadline(repo, specKey) {
      const one = 'FROM deadlines WHERE repo = ? AND spec_key = ?';
      const rows = await db.all(`SELECT * ${one}`, [repo, specKey]);
      return (await withReminders(db, rows, { sql: `SELECT id ${one}`, params: [repo, specKey] }))[0];
    },

    async listDeadlines(filter = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (filter.repo !== undefined) {
        where.push('repo = ?');
        params.push(filter.repo);
      }
      if (filter.status !== undefined) {
        where.push('status = ?');
        params.push(filter.status);
      }
      const chosen = `FROM deadlines ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const rows = await db.all(`SELECT * ${chosen} ORDER BY due_at, id`, params);
      return withReminders(db, rows, { sql: `SELECT id ${chosen}`, params });
    },
  };
}
