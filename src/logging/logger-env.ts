import type { LevelWithSilent } from 'pino';
import type { RedactingLoggerOptions } from './redacting-logger.js';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/**
 * The logger settings Probot reads from the environment itself (see probot/lib/bin/read-env-options.js), for
 * `createRedactingLogger`: once a logger is passed to `run()`, Probot no longer reads LOG_LEVEL, LOG_FORMAT,
 * LOG_LEVEL_IN_STRING, LOG_MESSAGE_KEY or SENTRY_DSN, so the same defaults are applied here.
 */
export function loggerOptionsFromEnv(
  env: Record<string, string | undefined>,
  secrets: readonly string[],
): RedactingLoggerOptions {
  const level = env.LOG_LEVEL && LEVELS.has(env.LOG_LEVEL) ? (env.LOG_LEVEL as LevelWithSilent) : 'info';
  const format = env.LOG_FORMAT
    ? env.LOG_FORMAT === 'pretty'
      ? 'pretty'
      : 'json'
    : env.NODE_ENV === 'production'
      ? 'json'
      : 'pretty';
  return {
    level,
    format,
    levelInString: env.LOG_LEVEL_IN_STRING === 'true',
    ...(env.LOG_MESSAGE_KEY && { messageKey: env.LOG_MESSAGE_KEY }),
    ...(env.SENTRY_DSN && { sentryDsn: env.SENTRY_DSN }),
    secrets,
  };
}
