import { StoreError } from './errors.js';
import { migrate } from './migrate.js';
import { postgresMigrations } from './migrations/postgres.js';
import { openPostgresDb } from './sql/postgres-db.js';
import { createSqlStore } from './sql/sql-store.js';
import type { Store, StoreClock } from './store.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  url: string;
  /** Tables live in this schema (created when missing); default: the server's search_path. */
  schema?: string;
  clock: StoreClock;
  poolMax?: number;
  onIdleError(error: Error): void;
}

/** PostgreSQL: N replicas share jobs, locks and deadlines. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new StoreError(
      'invalid-schema-name',
      `schema "${options.schema}" is not a plain lower-case identifier (${SCHEMA_NAME.source})`,
    );
  }
  const db = openPostgresDb({
    url: options.url,
    schema: options.schema,
    poolMax: options.poolMax,
    onIdleError: options.onIdleError,
  });
  try {
    await migrate(db, postgresMigrations, { schema: options.schema, now: options.clock.now() });
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db, options.clock);
}
