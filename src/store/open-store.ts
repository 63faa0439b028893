import { join } from 'node:path';
import { StoreError } from './errors.js';
import type { SqliteDbOptions } from './sql/sqlite-db.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store, StoreClock } from './store.js';

export interface OpenStoreOptions {
  /** Absent or empty: SQLite at `<dataDir>/infra-bot.db`. `postgres://…` or `postgresql://…`: PostgreSQL. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL only: keep the tables in this schema (tests use one per file). SQLite ignores it. */
  schema?: string;
  /** Default: the system clock. */
  clock?: StoreClock;
  /** PostgreSQL only: size of the connection pool (default 10). */
  poolMax?: number;
  /** PostgreSQL only: an idle pooled connection failed (the pool replaces it). */
  onIdleError?(error: Error): void;
  /** SQLite only: checkpoints and group commit for this connection (default: SQLite's own behaviour). */
  sqlite?: SqliteDbOptions;
}

const systemClock: StoreClock = { now: () => new Date() };

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const url = options.databaseUrl?.trim();
  if (!url) return openSqliteStore({ file: join(options.dataDir, 'infra-bot.db'), clock, sqlite: options.sqlite });
  if (/^postgres(ql)?:\/\//i.test(url)) {
    // Loaded only for PostgreSQL: `pg` costs every SQLite process (and each worker thread) ~15 MB of memory.
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore({
      url,
      schema: options.schema,
      clock,
      poolMax: options.poolMax,
      onIdleError:
        options.onIdleError ??
        ((error) => console.error(`infra-bot store: an idle PostgreSQL connection failed: ${error.message}`)),
    });
  }
  // Only the scheme is echoed: the rest of a database URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? '(none)';
  throw new StoreError(
    'unsupported-database-url',
    `DATABASE_URL must start with postgres:// or postgresql:// (scheme "${scheme}" is not supported); leave it unset for SQLite`,
  );
}
