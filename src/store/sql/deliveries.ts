import type { Delivery } from '../records.js';
import type { Store, StoreClock } from '../store.js';
import { insertJob } from './enqueue-job.js';
import type { SqlExecutor, SqlDb } from './sql-db.js';

/** True when the delivery is new. ON CONFLICT DO NOTHING: a concurrent duplicate waits, then inserts nothing. */
const insertDelivery = async (tx: SqlExecutor, delivery: Delivery): Promise<boolean> =>
  (await tx.run(
    `INSERT INTO deliveries (id, event, action, repo, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
    [delivery.id, delivery.event, delivery.action, delivery.repo, delivery.receivedAt],
  )) === 1;

export function deliveries(
  db: SqlDb,
  clock: StoreClock,
): Pick<Store, 'recordDelivery' | 'recordDeliveryAndEnqueue' | 'pruneDeliveries' | 'hasDelivery'> {
  return {
    recordDelivery: (delivery) => insertDelivery(db, delivery),

    hasDelivery: async (id) => (await db.get('SELECT 1 AS found FROM deliveries WHERE id = ?', [id])) !== undefined,

    recordDeliveryAndEnqueue: (delivery, job) =>
      db.transaction(async (tx) => {
        if (!(await insertDelivery(tx, delivery))) return { duplicate: true };
        return { duplicate: false, jobId: await insertJob(tx, job, clock.now()) };
      }),

    pruneDeliveries: (before) => db.run('DELETE FROM deliveries WHERE received_at < ?', [before]),
  };
}
