import { ProbotOctokit } from 'probot';

/** The client every gateway function takes: `context.octokit`, `await app.auth(id)` or a test's own instance. */
export type GitHubClient = ProbotOctokit;

interface LimitOptions {
  method?: string;
  url?: string;
}

interface LoggerLike {
  warn: (message: string) => void;
}

export interface OctokitClassOptions {
  /** How many times one request is retried after a secondary rate limit (GitHub's abuse detection). */
  secondaryRateLimitRetries?: number;
  /** Give up instead of sleeping when GitHub asks to wait longer than this. */
  maxRetryAfterSeconds?: number;
  /** Milliseconds per "second" of retry-after and retry back-off; tests set 1 to run fast. */
  retryAfterBaseValue?: number;
}

/**
 * ProbotOctokit as Probot's app instances configure it never retries a secondary rate limit (Probot's
 * `getOctokitThrottleOptions` only logs it), although the class default does. This class restores a bounded retry
 * that honours `retry-after`. Pass it as `Octokit` to `run()` / `new Probot()`; a function default is needed
 * because Probot's own throttle options are merged over object defaults.
 */
export function createOctokitClass(options: OctokitClassOptions = {}): typeof ProbotOctokit {
  const retries = options.secondaryRateLimitRetries ?? 2;
  const maxWait = options.maxRetryAfterSeconds ?? 120;
  const base = options.retryAfterBaseValue;
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => {
    const throttle = (instanceOptions.throttle ?? {}) as Record<string, unknown>;
    const retry = (instanceOptions.retry ?? {}) as Record<string, unknown>;
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        ...(base === undefined ? {} : { retryAfterBaseValue: base }),
        onSecondaryRateLimit: (
          retryAfter: number,
          request: LimitOptions,
          octokit: { log: LoggerLike },
          retryCount: number,
        ): boolean => {
          const willRetry = retryCount < retries && retryAfter <= maxWait;
          octokit.log.warn(
            `GitHub secondary rate limit on ${request.method} ${request.url}: ` +
              (willRetry ? `retrying in ${retryAfter}s (retry ${retryCount + 1}/${retries})` : 'giving up'),
          );
          return willRetry;
        },
      },
      ...(base === undefined ? {} : { retry: { ...retry, retryAfterBaseValue: base } }),
    };
  });
}
