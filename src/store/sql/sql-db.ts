// The small surface the SQL layer needs from an engine. Statements use `?` placeholders (PostgreSQL's adapter
// numbers them); Dates are bound as epoch milliseconds, booleans as 0/1, undefined as NULL.

export type SqlParam = string | number | bigint | boolean | Date | null | undefined;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDb extends SqlExecutor {
  /**
   * Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED on one connection).
   * Inside `fn`, use only `tx`: the outer db would wait for the transaction to end.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function bindParam(value: SqlParam): string | number | bigint | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
