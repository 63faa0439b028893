// The app's logger (pino-shaped: fields first) and the adapter Slack's SDKs need (`@slack/logger`'s interface).
import { LogLevel, type Logger as SlackSdkLogger } from '@slack/web-api';

export interface SlackLog {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

type Level = keyof SlackLog;
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const rankOf = (level: LogLevel): number => RANK[String(level) as Level] ?? RANK.info;

/** Slack tokens (`xoxb-…`, `xoxp-…`, `xapp-…`) never reach a log line, whatever an SDK puts in its message. */
export const redactSlackTokens = (text: string): string => text.replace(/\bx(ox[a-z]|app)-[\w-]+/gi, '[redacted]');

function describe(parts: unknown[]): string {
  const text = parts
    .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part)))
    .join(' ');
  return redactSlackTokens(text);
}

/** Bolt and the Web API client log through this: one line per call, tagged with the SDK's name. */
export function toSlackSdkLogger(log: SlackLog, name: string, level: LogLevel = LogLevel.INFO): SlackSdkLogger {
  let current = level;
  let source = name;
  const emit =
    (at: Level) =>
    (...parts: unknown[]): void => {
      if (RANK[at] < rankOf(current)) return;
      log[at]({ source }, describe(parts));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      source = next;
    },
  };
}
