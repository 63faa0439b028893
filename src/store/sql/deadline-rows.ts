import type { Deadline, DeadlineStatus } from '../records.js';
import { str, toDate, toOptionalDate, toOptionalString } from './rows.js';
import type { Row, SqlExecutor, SqlParam } from './sql-db.js';

/**
 * Deadline rows plus their reminders. `select` is the query that chose the deadlines (`SELECT id FROM deadlines
 * …`): their reminders come in one more round trip, however many deadlines a sweep returns.
 */
export async function withReminders(
  db: SqlExecutor,
  rows: Row[],
  select: { sql: string; params: readonly SqlParam[] },
): Promise<Deadline[]> {
  if (rows.length === 0) return [];
  const reminders = new Map<string, Deadline['reminders']>();
  const found = await db.all(
    `SELECT deadline_id, remind_at, sent_at FROM deadline_reminders
     WHERE deadline_id IN (${select.sql}) ORDER BY remind_at, id`,
    select.params,
  );
  for (const reminder of found) {
    const id = str(reminder, 'deadline_id');
    const list = reminders.get(id) ?? [];
    list.push({ at: toDate(reminder.remind_at), sentAt: toOptionalDate(reminder.sent_at) });
    reminders.set(id, list);
  }
  return rows.map((row) => ({
    id: str(row, 'id'),
    repo: str(row, 'repo'),
    specKey: str(row, 'spec_key'),
    stack: str(row, 'stack'),
    dueAt: toDate(row.due_at),
    owner: toOptionalString(row.owner),
    status: str(row, 'status') as DeadlineStatus,
    outcome: toOptionalString(row.outcome),
    reminders: reminders.get(str(row, 'id')) ?? [],
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }));
}
