// The process logger handed to Probot (`run(appFn, { log })`): Probot's own format (LOG_FORMAT, LOG_LEVEL_IN_STRING,
// SENTRY_DSN via @probot/pino), with secrets masked twice: every argument of every log call is redacted deeply before
// pino sees it (hooks.logMethod + serializers), and every finished line is scrubbed once more on its way out, which
// also covers what bypasses the hook: child bindings and pino-http's own request serializers.
import { getTransformStream } from '@probot/pino';
import pino from 'pino';
import type { DestinationStream, LevelWithSilent, Logger, LoggerOptions } from 'pino';
import { logSerializers } from './log-serializers.js';
import { redactSecrets } from './redact.js';
import { DEFAULT_LIMITS, redactError, walk } from './redact-value.js';
import type { RedactContext, RedactLimits } from './redact-value.js';

export interface RedactingLoggerOptions {
  /** LOG_LEVEL (default info). */
  level?: LevelWithSilent;
  /** LOG_FORMAT: `json`, or Probot's pretty output (the default, like Probot). */
  format?: 'json' | 'pretty';
  /** LOG_LEVEL_IN_STRING */
  levelInString?: boolean;
  /** LOG_MESSAGE_KEY (default msg) */
  messageKey?: string;
  /** SENTRY_DSN: errors are reported the way Probot does it. */
  sentryDsn?: string;
  /** Secret values known to the process (env): masked wherever they appear, whatever their shape. */
  secrets?: readonly string[];
  limits?: RedactLimits;
  /** Where finished lines go; default: Probot's transform to stdout. */
  destination?: { write(line: string): unknown };
}

/**
 * The arguments of one log call, redacted: `(obj, msg, ...args)`, `(err, msg?)` or `(msg, ...args)`. `req` and `res`
 * are live objects (sockets, header getters): they are left to their serializers, which pick and redact.
 */
export function redactLogArguments(args: readonly unknown[], context: RedactContext): unknown[] {
  const [first, ...rest] = args;
  const value = (arg: unknown) => walk(arg, context);
  if (first instanceof Error) {
    // pino's own `(err)` handling, on the redacted copy: the error goes under `err`, its message is the line's.
    const err = redactError(first, context) as { message: string };
    const [msg, ...more] = rest;
    return [{ err }, msg === undefined ? err.message : value(msg), ...more.map(value)];
  }
  if (first && typeof first === 'object' && !Array.isArray(first) && ('req' in first || 'res' in first)) {
    const { req, res, ...others } = first as Record<string, unknown>;
    return [{ ...(walk(others, context) as object), req, res }, ...rest.map(value)];
  }
  return [first, ...rest].map(value);
}

export function redactingLoggerOptions(
  secrets: readonly string[] = [],
  limits: RedactLimits = DEFAULT_LIMITS,
): Pick<LoggerOptions, 'hooks' | 'serializers'> {
  const context: RedactContext = { secrets, limits };
  return {
    hooks: {
      logMethod(args, method) {
        let redacted: unknown[];
        try {
          redacted = redactLogArguments(args, context);
        } catch {
          // Never the raw arguments: a line that cannot be redacted is replaced, not skipped silently.
          redacted = ['a log line was dropped: its arguments could not be redacted'];
        }
        // pino's LogFn overloads cannot be applied to a computed argument list; the list keeps their shape.
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
    serializers: { ...logSerializers(context) },
  };
}

/** A pino destination that scrubs each finished line before passing it on. */
export function redactingDestination(
  target: { write(line: string): unknown },
  secrets: readonly string[] = [],
): DestinationStream {
  return { write: (line: string) => void target.write(redactSecrets(line, secrets)) };
}

export async function createRedactingLogger(options: RedactingLoggerOptions = {}): Promise<Logger> {
  const secrets = options.secrets ?? [];
  let target = options.destination;
  if (!target) {
    const transform = await getTransformStream({
      logFormat: options.format,
      logLevelInString: options.levelInString,
      sentryDsn: options.sentryDsn,
    });
    // As Probot's getLog does; SonicBoom is a writable stream at runtime, not by its typings.
    transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
    target = transform;
  }
  return pino(
    {
      name: 'probot',
      level: options.level ?? 'info',
      messageKey: options.messageKey ?? 'msg',
      ...redactingLoggerOptions(secrets, options.limits),
    },
    redactingDestination(target, secrets),
  );
}
