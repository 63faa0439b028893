import pg from 'pg';
import type { Row, SqlDb, SqlExecutor, SqlParam } from './sql-db.js';
import { bindParam } from './sql-db.js';

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

// Epoch milliseconds and ids are BIGINT: numbers, not strings. JSON stays text so both engines parse it the same way.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Turns `?` placeholders into `$1, $2, …`, leaving quoted text alone. */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  let quote: string | undefined;
  let out = '';
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '?') {
      index += 1;
      out += `$${index}`;
      continue;
    }
    out += char;
  }
  return out;
}

/** The URL's own `options` win over the config object in pg, so the search_path is merged into them. */
function connectionConfig(url: string, schema: string | undefined): { connectionString: string; options?: string } {
  if (!schema) return { connectionString: url };
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [own, `-c search_path=${schema}`].filter(Boolean).join(' ') };
}

export interface PostgresDbOptions {
  url: string;
  /** Already validated as a plain identifier. */
  schema?: string;
  poolMax?: number;
  /** Errors of idle pooled connections (the pool would otherwise crash the process). */
  onIdleError(error: Error): void;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  const query = <T extends Row>(sql: string, params: readonly SqlParam[] = []) =>
    client.query<T>(numberPlaceholders(sql), params.map(bindParam));
  return {
    dialect: 'postgres',
    all: async <T extends Row>(sql: string, params?: readonly SqlParam[]) => (await query<T>(sql, params)).rows,
    get: async <T extends Row>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> =>
      (await query<T>(sql, params)).rows[0],
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

export function openPostgresDb(options: PostgresDbOptions): SqlDb {
  const pool = new pg.Pool({
    ...connectionConfig(options.url, options.schema),
    max: options.poolMax ?? 10,
    // pg waits forever by default: a database that is down must fail readiness and claims, not hang them.
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
    types: typeParsers,
  });
  pool.on('error', options.onIdleError);
  const direct = executor(pool);

  return {
    ...direct,
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: a connection lost mid-transaction (database restarted, backend
      // terminated) would emit 'error' with no one listening and crash the process. Recorded instead: the pending
      // query rejects, and the connection is destroyed on release.
      const onLost = (error: Error) => {
        broken = error;
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.off('error', onLost);
        // A connection whose rollback failed (or that was lost) is in an unknown state: destroyed, never reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
