import type { AuditEntry } from '../records.js';
import type { Store } from '../store.js';
import { parseJson, str, toDate, toJsonText, toOptionalNumber, toOptionalString } from './rows.js';
import type { Row, SqlDb, SqlParam } from './sql-db.js';

const toEntry = (row: Row): AuditEntry => ({
  id: str(row, 'id'),
  at: toDate(row.at),
  actor: str(row, 'actor'),
  action: str(row, 'action'),
  repo: toOptionalString(row.repo),
  pr: toOptionalNumber(row.pr),
  stack: toOptionalString(row.stack),
  sha: toOptionalString(row.sha),
  outcome: str(row, 'outcome'),
  detail: parseJson(row.detail),
});

export function auditLog(db: SqlDb): Pick<Store, 'audit' | 'listAudit'> {
  return {
    async audit(entry) {
      await db.run(
        `INSERT INTO audit_log (at, actor, action, repo, pr, stack, sha, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          entry.at,
          entry.actor,
          entry.action,
          entry.repo,
          entry.pr,
          entry.stack,
          entry.sha,
          entry.outcome,
          entry.detail === undefined ? null : toJsonText(entry.detail),
        ],
      );
    },

    async listAudit(filter = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      for (const column of ['repo', 'pr', 'action'] as const) {
        const value = filter[column];
        if (value === undefined) continue;
        where.push(`${column} = ?`);
        params.push(value);
      }
      const rows = await db.all(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        [...params, filter.limit ?? 100],
      );
      return rows.map(toEntry);
    },
  };
}
