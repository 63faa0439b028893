import type { Store, StoreClock } from '../store.js';
import { approvals } from './approvals.js';
import { auditLog } from './audit.js';
import { comments } from './comments.js';
import { deadlines } from './deadlines.js';
import { deliveries } from './deliveries.js';
import { jobLeases } from './job-leases.js';
import { jobsQueue } from './jobs-queue.js';
import { lockWaiters } from './lock-waiters.js';
import { locks } from './locks.js';
import { plans } from './plans.js';
import { runLocks } from './run-locks.js';
import type { SqlDb } from './sql-db.js';
import { unappliedMerges } from './unapplied-merges.js';

/** One Store over either engine: the SQL is shared, the engine differences live in the SqlDb adapters. */
export function createSqlStore(db: SqlDb, clock: StoreClock): Store {
  let closing: Promise<void> | undefined;
  return {
    engine: db.dialect,
    ...deliveries(db, clock),
    ...jobsQueue(db, clock),
    ...jobLeases(db, clock),
    ...locks(db, clock),
    ...lockWaiters(db),
    ...runLocks(db),
    ...plans(db),
    ...approvals(db, clock),
    ...deadlines(db, clock),
    ...comments(db, clock),
    ...unappliedMerges(db),
    ...auditLog(db),
    async ping() {
      await db.get('SELECT 1 AS ok');
    },
    close() {
      closing ??= db.close();
      return closing;
    },
  };
}
