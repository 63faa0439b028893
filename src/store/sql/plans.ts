import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { PlanRecord, PlanStatus } from '../records.js';
import type { Store } from '../store.js';
import { compareText, num, str, toDate, toOptionalString } from './rows.js';
import type { Row, SqlDb, SqlParam } from './sql-db.js';

const toPlan = (row: Row): PlanRecord => ({
  id: str(row, 'id'),
  repo: str(row, 'repo'),
  pr: num(row, 'pr'),
  headSha: str(row, 'head_sha'),
  stack: str(row, 'stack'),
  specHash: str(row, 'spec_hash'),
  status: str(row, 'status') as PlanStatus,
  summaryJson: str(row, 'summary_json'),
  planFile: toOptionalString(row.plan_file),
  createdAt: toDate(row.created_at),
});

export function plans(
  db: SqlDb,
): Pick<Store, 'savePlan' | 'getPlan' | 'latestPlans' | 'markPlansSuperseded' | 'discardPlans'> {
  return {
    async savePlan(input) {
      if (!['planned', 'failed', 'no-changes'].includes(input.status)) {
        throw new StoreError('invalid-input', `a plan cannot be saved as "${input.status}"`);
      }
      const id = input.id ?? randomUUID();
      await db.run(
        `INSERT INTO plans (id, repo, pr, head_sha, stack, spec_hash, status, summary_json, plan_file, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET repo = excluded.repo, pr = excluded.pr, head_sha = excluded.head_sha,
           stack = excluded.stack, spec_hash = excluded.spec_hash, status = excluded.status,
           summary_json = excluded.summary_json, plan_file = excluded.plan_file, created_at = excluded.created_at`,
        [
          id,
          input.repo,
          input.pr,
          input.headSha,
          input.stack,
          input.specHash,
          input.status,
          input.summaryJson,
          input.planFile,
          input.createdAt,
        ],
      );
      return id;
    },

    async getPlan(id) {
      const row = await db.get('SELECT * FROM plans WHERE id = ?', [id]);
      return row ? toPlan(row) : undefined;
    },

    async latestPlans({ repo, pr, headSha }) {
      const params: SqlParam[] = [repo, pr, ...(headSha === undefined ? [] : [headSha])];
      const rows = await db.all(
        `SELECT * FROM (
           SELECT p.*, ROW_NUMBER() OVER (PARTITION BY stack ORDER BY created_at DESC, seq DESC) AS newest
           FROM plans p
           WHERE repo = ? AND pr = ? ${headSha === undefined ? '' : 'AND head_sha = ?'}
             AND status NOT IN ('superseded', 'discarded')
         ) ranked WHERE newest = 1`,
        params,
      );
      return rows.map(toPlan).sort((a, b) => compareText(a.stack, b.stack));
    },

    markPlansSuperseded: ({ repo, pr, exceptHeadSha }) =>
      db.run(
        `UPDATE plans SET status = 'superseded'
         WHERE repo = ? AND pr = ? AND head_sha <> ? AND status NOT IN ('superseded', 'discarded')`,
        [repo, pr, exceptHeadSha],
      ),

    discardPlans: ({ repo, pr }) =>
      db.run(`UPDATE plans SET status = 'discarded' WHERE repo = ? AND pr = ? AND status <> 'discarded'`, [repo, pr]),
  };
}
