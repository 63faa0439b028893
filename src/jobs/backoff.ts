export interface BackoffOptions {
  /** Delay before the first retry, before jitter (default 1 s). */
  baseMs?: number;
  /** Cap (default 5 min). */
  maxMs?: number;
  /** Injected for tests; default Math.random. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of jobs that failed
 * together (an API outage) spread out but never come back sooner than half the nominal delay.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 300_000, random = Math.random } = options;
  const nominal = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // A broken random source must not produce a NaN retry time (an invalid date in the queue).
  const drawn = random();
  const jitter = Number.isFinite(drawn) ? Math.min(1, Math.max(0, drawn)) : 0.5;
  return Math.round(nominal / 2 + (jitter * nominal) / 2);
}
