// The cause of the flaky replicas e2e (readyz during a database outage: ECONNRESET): a connection lost while a
// transaction held it emitted 'error' on a client nobody listened to, which crashed the replica mid-request.
import { afterAll, describe, expect, it } from '@jest/globals';
import { openPostgresDb } from '../../../src/store/sql/postgres-db.js';
import { PG_URL } from './engines.js';

const idleErrors: Error[] = [];
const db = openPostgresDb({ url: PG_URL, poolMax: 3, onIdleError: (error) => idleErrors.push(error) });
afterAll(() => db.close());

describe('PostgreSQL connection lost inside a transaction', () => {
  it('backend terminated between two queries › the transaction rejects, the process lives, the pool recovers', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = db.transaction(async (tx) => {
        const row = await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // Terminated from another connection while this one holds no running query: the server's FATAL message
        // and the closed socket reach the client between queries.
        await db.get('SELECT pg_terminate_backend(?) AS done', [row!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return await tx.get('SELECT 1 AS ok');
      });
      await expect(outcome).rejects.toThrow();
      expect(uncaught).toEqual([]);
      // The lost connection was destroyed, not handed out again.
      expect(await db.get<{ ok: number }>('SELECT 1 AS ok')).toEqual({ ok: 1 });
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
