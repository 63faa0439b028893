import { StoreError } from '../errors.js';
import type { Job } from '../records.js';
import type { EnqueueInput } from '../store.js';
import { toJob } from './job-row.js';
import { str, toJsonText } from './rows.js';
import type { Row, SqlExecutor } from './sql-db.js';

export const DEFAULT_MAX_ATTEMPTS = { retry: 5, never: 1 } as const;

/** Enqueues inside the caller's transaction and answers the whole job (what `Store.enqueue` answers). */
export const enqueueJob = async (tx: SqlExecutor, input: EnqueueInput, now: Date): Promise<Job> =>
  toJob(await insertJobRow(tx, input, now, '*'));

/**
 * Enqueues inside the caller's transaction (so a delivery and its job commit together) and answers only the id:
 * the webhook edge needs nothing more, and reading the whole row back would parse the payload it just serialised.
 */
export const insertJob = async (tx: SqlExecutor, input: EnqueueInput, now: Date): Promise<string> =>
  str(await insertJobRow(tx, input, now, 'id'), 'id');

async function insertJobRow(tx: SqlExecutor, input: EnqueueInput, now: Date, returning: '*' | 'id'): Promise<Row> {
  const payload = serialisePayload(input);
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS[input.retryPolicy];
  if (!input.kind) throw new StoreError('invalid-input', 'a job needs a kind');
  if (input.retryPolicy !== 'retry' && input.retryPolicy !== 'never') {
    throw new StoreError('invalid-input', `unknown retry policy "${String(input.retryPolicy)}"`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new StoreError('invalid-input', `maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  if (input.runAt && Number.isNaN(input.runAt.getTime())) throw new StoreError('invalid-input', 'runAt is not a date');

  if (input.supersede) {
    if (!input.concurrencyKey) throw new StoreError('invalid-input', 'supersede needs a concurrencyKey');
    if (tx.dialect === 'postgres') {
      // Two superseding enqueues for one key take turns, so the second sees (and supersedes) the first.
      await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [
        `infra-bot:enqueue:${input.concurrencyKey}`,
      ]);
    }
    await tx.run(
      `UPDATE jobs SET status = 'superseded', updated_at = ?, finished_at = ?
       WHERE status = 'queued' AND kind = ? AND concurrency_key = ?`,
      [now, now, input.kind, input.concurrencyKey],
    );
  }

  const row = await tx.get(
    `INSERT INTO jobs (kind, payload, status, run_at, concurrency_key, retry_policy, attempts, max_attempts,
                       created_at, updated_at)
     VALUES (?, ?, 'queued', ?, ?, ?, 0, ?, ?, ?) RETURNING ${returning}`,
    [input.kind, payload, input.runAt ?? now, input.concurrencyKey, input.retryPolicy, maxAttempts, now, now],
  );
  if (!row) throw new StoreError('invalid-input', 'the job was not inserted');
  return row;
}

function serialisePayload(input: EnqueueInput): string {
  try {
    return toJsonText(input.payload);
  } catch (error) {
    throw new StoreError('invalid-input', `the payload of a ${input.kind} job is not JSON-serialisable`, {
      cause: error,
    });
  }
}
