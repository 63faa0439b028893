// What the web process and each worker thread set up the same way: the clock, the store connection, the logger.
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { systemClock } from '../jobs/clock.js';
import type { Clock } from '../jobs/clock.js';
import { loggerOptionsFromEnv } from '../logging/logger-env.js';
import { createRedactingLogger } from '../logging/redacting-logger.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { fileOffsetClock } from './test-clock.js';
import { appSecrets } from './terraform-env.js';

export const appClock = (env: Env): Clock =>
  env.INFRA_BOT_TEST_CLOCK_FILE ? fileOffsetClock(env.INFRA_BOT_TEST_CLOCK_FILE) : systemClock;

/** Every log line goes through the redacting logger (tokens, keys, the app's own secrets never written). */
export const appLogger = (env: Env, rawEnv: Record<string, string | undefined>): Promise<Logger> =>
  createRedactingLogger(loggerOptionsFromEnv(rawEnv, appSecrets(env, rawEnv)));

export function openAppStore(env: Env, dataDir: string, clock: Clock, log: Logger): Promise<Store> {
  return openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    clock,
    ...(env.DATABASE_SCHEMA && { schema: env.DATABASE_SCHEMA }),
    onIdleError: (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  });
}
