import { createRequire } from 'node:module';

// The synchronous SQLite surface the store needs, from one of two drivers:
// - `node:sqlite` (built into Node ≥ 22.13): used whenever the running Node has it, so the Node 24 image needs no
//   native addon. It also avoids better-sqlite3 ≤ 12 aborting Node 24 at teardown (`RemoveEnvironmentCleanupHook`
//   CHECK in its Statement destructor; the fix, better-sqlite3 13, needs Node ≥ 22).
// - better-sqlite3 12 on Node 20, loaded lazily so it is never loaded where node:sqlite serves.

export interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  /** Runs to completion (RETURNING rows included) and returns the number of changed rows. */
  run(...params: unknown[]): number;
}

export interface SqliteConnection {
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  inTransaction(): boolean;
  close(): void;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => {
    exec(sql: string): void;
    prepare(sql: string): {
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
      run(...params: unknown[]): { changes: number | bigint };
    };
    isTransaction: boolean;
    close(): void;
  };
}

interface BetterSqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}
type BetterSqliteDatabase = new (path: string) => {
  exec(sql: string): void;
  prepare(sql: string): BetterSqliteStatement;
  inTransaction: boolean;
  close(): void;
};

function nodeSqlite(): NodeSqliteModule | undefined {
  try {
    // getBuiltinModule (Node ≥ 20.16) answers undefined where the module does not exist.
    const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    const module = getBuiltin?.('node:sqlite') as NodeSqliteModule | undefined;
    return module?.DatabaseSync ? module : undefined;
  } catch {
    return undefined;
  }
}

export function openSqliteConnection(file: string, prefer = process.env.INFRA_BOT_SQLITE_DRIVER): SqliteConnection {
  const builtin = prefer === 'better-sqlite3' ? undefined : nodeSqlite();
  if (builtin) {
    const db = new builtin.DatabaseSync(file);
    return {
      driver: 'node:sqlite',
      exec: (sql) => db.exec(sql),
      prepare: (sql) => {
        const statement = db.prepare(sql);
        return {
          all: (...params) => statement.all(...params),
          get: (...params) => statement.get(...params),
          run: (...params) => Number(statement.run(...params).changes),
        };
      },
      inTransaction: () => db.isTransaction,
      close: () => db.close(),
    };
  }
  const Database = createRequire(import.meta.url)('better-sqlite3') as BetterSqliteDatabase;
  const db = new Database(file);
  return {
    driver: 'better-sqlite3',
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      const statement = db.prepare(sql);
      return {
        all: (...params) => statement.all(...params),
        get: (...params) => statement.get(...params),
        // Statements with RETURNING are readers; better-sqlite3's run() refuses them.
        run: (...params) => (statement.reader ? statement.all(...params).length : statement.run(...params).changes),
      };
    },
    inTransaction: () => db.inTransaction,
    close: () => db.close(),
  };
}
