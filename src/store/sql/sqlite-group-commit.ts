import type { SqlExecutor } from './sql-db.js';
import type { SqliteConnection } from './sqlite-driver.js';

interface Waiting {
  fn: (tx: SqlExecutor) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: the transactions started in one event-loop turn (a burst of webhooks parsed from the same socket
 * reads) run in one BEGIN IMMEDIATE … COMMIT, each inside its own savepoint, so one that fails rolls back alone.
 * Each caller's promise settles only after the shared COMMIT: nobody is told "recorded" before the row is
 * durable. The turn ends at setImmediate, so a lone transaction waits for nothing but the current I/O callbacks.
 * `runExclusive` is the connection's gate (nothing else uses the connection while a group runs).
 */
export function createGroupCommit(
  db: Pick<SqliteConnection, 'exec' | 'inTransaction'>,
  tx: SqlExecutor,
  runExclusive: (work: () => Promise<void>) => Promise<void>,
): <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T> {
  let waiting: Waiting[] = [];

  const runGroup = async (group: Waiting[]) => {
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    const outcomes: Outcome[] = [];
    for (const item of group) {
      db.exec('SAVEPOINT grouped');
      try {
        outcomes.push({ ok: true, value: await item.fn(tx) });
        db.exec('RELEASE grouped');
      } catch (error) {
        // Some errors (SQLITE_FULL, I/O) end the whole transaction: then nothing of the group is recorded.
        if (!db.inTransaction()) {
          for (const failed of group) failed.reject(error);
          return;
        }
        db.exec('ROLLBACK TO grouped');
        db.exec('RELEASE grouped');
        outcomes.push({ ok: false, error });
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction()) db.exec('ROLLBACK');
      for (const item of group) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.value) : group[i]!.reject(outcome.error)));
  };

  const flush = () => {
    const group = waiting;
    waiting = [];
    void runExclusive(() =>
      runGroup(group).catch((error: unknown) => {
        // A savepoint statement itself failed: undo the group; settling twice is a no-op for the settled ones.
        if (db.inTransaction()) db.exec('ROLLBACK');
        for (const item of group) item.reject(error);
      }),
    );
  };

  return <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
