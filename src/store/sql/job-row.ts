import type { Job, JobStatus, RetryPolicy } from '../records.js';
import type { Row } from './sql-db.js';
import { num, parseJson, str, toDate, toOptionalDate, toOptionalString } from './rows.js';

export function toJob(row: Row): Job {
  return {
    id: str(row, 'id'),
    kind: str(row, 'kind'),
    payload: parseJson(row.payload),
    status: str(row, 'status') as JobStatus,
    runAt: toDate(row.run_at),
    concurrencyKey: toOptionalString(row.concurrency_key),
    retryPolicy: str(row, 'retry_policy') as RetryPolicy,
    attempts: num(row, 'attempts'),
    maxAttempts: num(row, 'max_attempts'),
    workerId: toOptionalString(row.worker_id),
    leaseUntil: toOptionalDate(row.lease_until),
    lastError: toOptionalString(row.last_error),
    result: parseJson(row.result),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    startedAt: toOptionalDate(row.started_at),
    finishedAt: toOptionalDate(row.finished_at),
  };
}
