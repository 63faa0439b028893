import { resolve } from 'node:path';
import type { Row, SqlDb, SqlExecutor, SqlParam } from './sql-db.js';
import { bindParam } from './sql-db.js';
import { openSqliteConnection } from './sqlite-driver.js';
import { createGroupCommit } from './sqlite-group-commit.js';
import type { SqliteStatement } from './sqlite-driver.js';

const BUSY_TIMEOUT_MS = 5000;

/**
 * Serialises every use of one database file inside this process. better-sqlite3 is synchronous, but our
 * transactions span awaits: a second connection to the same file starting BEGIN IMMEDIATE in between would
 * block the only thread on the busy timeout while the first transaction can never finish. Other processes are
 * kept out by SQLite's own write lock (BEGIN IMMEDIATE + busy_timeout).
 */
class FileGate {
  private tail: Promise<unknown> = Promise.resolve();
  users = 0;

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const gates = new Map<string, FileGate>();

/** How one connection shares the work of a file with the others (see open-store.ts for who uses what). */
export interface SqliteDbOptions {
  /**
   * `on-commit` (SQLite's default): the commit that grows the WAL past 1,000 pages copies it into the database,
   * with an fsync, before it returns. `elsewhere`: never on this connection; another connection to the file
   * checkpoints (the web process leaves it to its worker threads, so no webhook answer waits for an fsync).
   */
  checkpoints?: 'on-commit' | 'elsewhere';
  /** Also checkpoint (passive: never waits for readers or writers) this often, for the connections that rely on it. */
  checkpointEveryMs?: number;
  /** Transactions started in one event-loop turn share one commit (see sqlite-group-commit.ts). */
  groupCommit?: boolean;
}

export function openSqliteDb(file: string, options: SqliteDbOptions = {}): SqlDb {
  const db = openSqliteConnection(file);
  // busy_timeout first: switching to WAL takes a lock another starting process may hold.
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec('PRAGMA journal_mode = WAL');
  // WAL + NORMAL: a commit survives a crash of the process (what the queue needs); only an OS crash or power loss
  // can undo the last commits, and the reconcile sweep catches what such a loss would miss. FULL would fsync on
  // every commit, blocking the event loop (better-sqlite3 is synchronous) for milliseconds per webhook.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  if (options.checkpoints === 'elsewhere') db.exec('PRAGMA wal_autocheckpoint = 0');

  const key = file === ':memory:' ? `:memory:${Math.random()}` : resolve(file);
  const gate = gates.get(key) ?? new FileGate();
  gates.set(key, gate);
  gate.users += 1;

  const statements = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const bind = (params: readonly SqlParam[] = []) => params.map(bindParam);

  const direct: SqlExecutor = {
    dialect: 'sqlite',
    all: async <T extends Row>(sql: string, params?: readonly SqlParam[]) => prepare(sql).all(...bind(params)) as T[],
    get: async <T extends Row>(sql: string, params?: readonly SqlParam[]) =>
      prepare(sql).get(...bind(params)) as T | undefined,
    run: async (sql, params) => prepare(sql).run(...bind(params)),
    exec: async (sql) => {
      db.exec(sql);
    },
  };

  const transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    gate.run(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(direct);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction()) db.exec('ROLLBACK');
        throw error;
      }
    });
  const grouped = options.groupCommit ? createGroupCommit(db, direct, (work) => gate.run(work)) : undefined;

  let closed = false;
  const checkpointTimer =
    options.checkpointEveryMs === undefined
      ? undefined
      : setInterval(() => {
          // A failed checkpoint leaves the WAL as it was; the next one (or a commit on another connection) catches up.
          void gate.run(() => !closed && db.exec('PRAGMA wal_checkpoint(PASSIVE)')).catch(() => undefined);
        }, options.checkpointEveryMs);
  checkpointTimer?.unref();
  return {
    dialect: 'sqlite',
    all: (sql, params) => gate.run(() => direct.all(sql, params)),
    get: (sql, params) => gate.run(() => direct.get(sql, params)),
    run: (sql, params) => gate.run(() => direct.run(sql, params)),
    exec: (sql) => gate.run(() => direct.exec(sql)),
    transaction: grouped ?? transaction,
    close: () =>
      gate.run(() => {
        if (closed) return;
        closed = true;
        clearInterval(checkpointTimer);
        db.close();
        gate.users -= 1;
        if (gate.users === 0) gates.delete(key);
      }),
  };
}
