// What the web process and each worker thread set up the same way: the clock, the store connection, the logger.
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { systemClock } from '../jobs/clock.js';
import type { Clock } from '../jobs/clock.js';
import { loggerOptionsFromEnv } from '../logging/logger-env.js';
import { createRedactingLogger } from '../logging/redacting-logger.js';
import { openStore } from '../store/open-store.js';
import type { SqliteDbOptions } from '../store/sql/sqlite-db.js';
import type { Store } from '../store/store.js';
import { fileOffsetClock } from './test-clock.js';
import { appSecrets } from './terraform-env.js';

export const appClock = (env: Env): Clock =>
  env.INFRA_BOT_TEST_CLOCK_FILE ? fileOffsetClock(env.INFRA_BOT_TEST_CLOCK_FILE) : systemClock;

/** Every log line goes through the redacting logger (tokens, keys, the app's own secrets never written). */
export const appLogger = (env: Env, rawEnv: Record<string, string | undefined>): Promise<Logger> =>
  createRedactingLogger(loggerOptionsFromEnv(rawEnv, appSecrets(env, rawEnv)));

/**
 * SQLite in the web process: a burst of webhooks shares commits (each answered after its own is durable); with
 * worker threads, the WAL checkpoints (an fsync each) are theirs, so no answer waits for one.
 */
export const webSqliteOptions = (workerThreads: number): SqliteDbOptions =>
  workerThreads > 0 ? { groupCommit: true, checkpoints: 'elsewhere' } : { groupCommit: true };

/** SQLite in a worker thread: checkpoints on its own commits and every second for the web process's writes. */
export const WORKER_SQLITE_OPTIONS: SqliteDbOptions = { checkpointEveryMs: 1_000 };

export function openAppStore(
  env: Env,
  dataDir: string,
  clock: Clock,
  log: Logger,
  sqlite: SqliteDbOptions = {},
): Promise<Store> {
  return openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    clock,
    sqlite,
    ...(env.DATABASE_SCHEMA && { schema: env.DATABASE_SCHEMA }),
    onIdleError: (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
}
