import { StoreError } from '../errors.js';
import type { ApprovalMessage, Approver, Decision, DecisionRecord } from '../records.js';
import type { Store, StoreClock } from '../store.js';
import { num, parseJson, str, toDate, toJsonText } from './rows.js';
import type { Row, SqlDb, SqlParam } from './sql-db.js';

const toDecision = (row: Row): DecisionRecord => ({
  id: str(row, 'id'),
  repo: str(row, 'repo'),
  pr: num(row, 'pr'),
  headSha: str(row, 'head_sha'),
  planIds: parseJson(row.plan_ids) as string[],
  decision: str(row, 'decision') as Decision,
  approver: parseJson(row.approver) as Approver,
  decidedAt: toDate(row.decided_at),
  source: str(row, 'source'),
  stale: num(row, 'stale') === 1,
});

const toMessage = (row: Row): ApprovalMessage => ({
  repo: str(row, 'repo'),
  pr: num(row, 'pr'),
  headSha: str(row, 'head_sha'),
  channel: str(row, 'channel'),
  ts: str(row, 'ts'),
  createdAt: toDate(row.created_at),
  ...(typeof row.request_json === 'string' && { request: JSON.parse(row.request_json) as unknown }),
});

/** Who a decision is deduplicated by: the Slack user, else the GitHub login (logins are case-insensitive). */
function approverKey(approver: Approver): string {
  if (approver.slackId) return `slack:${approver.slackId}`;
  if (approver.githubLogin) return `github:${approver.githubLogin.toLowerCase()}`;
  throw new StoreError('invalid-input', `approver "${approver.name}" has neither a Slack id nor a GitHub login`);
}

export function approvals(
  db: SqlDb,
  clock: StoreClock,
): Pick<
  Store,
  'recordDecision' | 'listDecisions' | 'markDecisionsStale' | 'saveApprovalMessage' | 'getApprovalMessage'
> {
  return {
    recordDecision: (input) =>
      db.transaction(async (tx) => {
        const key = approverKey(input.approver);
        const inserted = await tx.get(
          `INSERT INTO decisions (repo, pr, head_sha, approver_key, plan_ids, decision, approver, decided_at, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (repo, pr, head_sha, approver_key) DO NOTHING RETURNING *`,
          [
            input.repo,
            input.pr,
            input.headSha,
            key,
            toJsonText(input.planIds),
            input.decision,
            toJsonText(input.approver),
            input.decidedAt,
            input.source,
          ],
        );
        if (inserted) return { recorded: true, decision: toDecision(inserted) };
        // The first decision stands: a replayed or second click changes nothing.
        const first = await tx.get(
          'SELECT * FROM decisions WHERE repo = ? AND pr = ? AND head_sha = ? AND approver_key = ?',
          [input.repo, input.pr, input.headSha, key],
        );
        if (!first) throw new StoreError('not-found', 'the conflicting decision vanished');
        return { recorded: false, decision: toDecision(first) };
      }),

    async listDecisions({ repo, pr, headSha }) {
      const rows = await db.all(
        'SELECT * FROM decisions WHERE repo = ? AND pr = ? AND head_sha = ? ORDER BY decided_at, id',
        [repo, pr, headSha],
      );
      return rows.map(toDecision);
    },

    markDecisionsStale: ({ repo, pr, exceptHeadSha }) =>
      db.run('UPDATE decisions SET stale = 1 WHERE repo = ? AND pr = ? AND head_sha <> ? AND stale = 0', [
        repo,
        pr,
        exceptHeadSha,
      ]),

    async saveApprovalMessage({ repo, pr, headSha, channel, ts, request }) {
      await db.run(
        `INSERT INTO approval_messages (repo, pr, head_sha, channel, ts, created_at, request_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repo, pr, head_sha) DO UPDATE
           SET channel = excluded.channel, ts = excluded.ts, request_json = excluded.request_json`,
        [repo, pr, headSha, channel, ts, clock.now(), request === undefined ? null : JSON.stringify(request)],
      );
    },

    async getApprovalMessage({ repo, pr, headSha }) {
      const params: SqlParam[] = [repo, pr, ...(headSha === undefined ? [] : [headSha])];
      const row = await db.get(
        `SELECT * FROM approval_messages WHERE repo = ? AND pr = ? ${headSha === undefined ? '' : 'AND head_sha = ?'}
         ORDER BY created_at DESC, seq DESC LIMIT 1`,
        params,
      );
      return row ? toMessage(row) : undefined;
    },
  };
}
