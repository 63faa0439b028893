// The one place Okta HTTP calls go through. okta-sdk-nodejs's DefaultRequestExecutor retries only 429, waits as long
// as `x-rate-limit-reset` says with no cap unless `requestTimeout` is set (0 = none), and never retries a 5xx or a
// dropped connection. This executor, plugged into the SDK's documented `requestExecutor` option, makes every call
// finite: at most `maxRetries` retries (429, 5xx, network), each attempt under `requestTimeoutMs`, the whole call
// (retries and waits included) under `deadlineMs`, 429 waits taken from the reset header but never past the deadline.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import okta from '@okta/okta-sdk-nodejs';
import type { Clock } from '../jobs/clock.js';
import { backoffMs } from '../jobs/backoff.js';
import { OktaRateLimitedError, OktaUnavailableError } from './errors.js';

export interface RetryPolicy {
  maxRetries: number;
  requestTimeoutMs: number;
  deadlineMs: number;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The parts of the SDK's request object (a RequestContext or the OAuth token request) we forward. */
interface SdkRequest {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The parts of node-fetch's Response we read; the SDK reads the rest. */
interface SdkResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface OktaCallStats {
  /** HTTP requests sent, retries included. */
  apiCalls: number;
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** Okta's advice: the reset is in whole seconds and clocks differ; one more second avoids an immediate second 429. */
const RESET_MARGIN_MS = 1000;

export class BoundedRequestExecutor extends okta.RequestExecutor {
  readonly stats: OktaCallStats = { apiCalls: 0, retries: 0, rateLimited: 0 };
  readonly #policy: RetryPolicy;
  readonly #origin: string;
  readonly #agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(orgUrl: string, policy: RetryPolicy) {
    super();
    this.#origin = new URL(orgUrl).origin;
    this.#policy = policy;
  }

  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  // The SDK's typings name node-fetch types we do not depend on; the structural types above are what we use.
  override async fetch(request: SdkRequest): Promise<never> {
    return (await this.#send(request)) as never;
  }

  async #send(request: SdkRequest): Promise<SdkResponse> {
    const { maxRetries, requestTimeoutMs, deadlineMs, clock } = this.#policy;
    const url = new URL(String(request.url));
    const method = (request.method ?? 'GET').toUpperCase();
    const operation = `${method} ${readablePath(url)}`;
    // Pagination follows `Link` URLs from responses: the token must never be sent anywhere but the org.
    if (url.origin !== this.#origin) {
      throw new OktaUnavailableError(operation, 'unreachable', `refused to send a request to ${url.origin}`);
    }
    const deadline = clock.now().getTime() + deadlineMs;
    for (let attempt = 0; ; attempt += 1) {
      const remaining = deadline - clock.now().getTime();
      if (remaining <= 0) {
        throw new OktaUnavailableError(operation, 'deadline', `no answer within the ${deadlineMs} ms deadline`);
      }
      const last = attempt >= maxRetries;
      this.stats.apiCalls += 1;
      if (attempt > 0) this.stats.retries += 1;
      let response: SdkResponse;
      try {
        response = (await super.fetch({
          url: url.href,
          method,
          headers: request.headers ?? {},
          ...(request.body === undefined ? {} : { body: request.body }),
          agent: url.protocol === 'https:' ? this.#agents.https : this.#agents.http,
          signal: AbortSignal.timeout(Math.min(requestTimeoutMs, remaining)),
        } as never)) as SdkResponse;
      } catch (err) {
        const failure = networkFailure(operation, err, requestTimeoutMs);
        if (last) throw failure;
        await this.#backoff(attempt, deadline, failure);
        continue;
      }
      if (response.status === 429) {
        this.stats.rateLimited += 1;
        await drain(response);
        const resetAt = resetTime(response);
        const until = resetAt ? ` (the limit resets at ${resetAt.toISOString()})` : '';
        if (last) {
          throw new OktaRateLimitedError(operation, `still rate limited after ${maxRetries} retries${until}`, resetAt);
        }
        const waitMs = this.#rateLimitWait(response, resetAt, attempt);
        if (clock.now().getTime() + waitMs > deadline) {
          throw new OktaRateLimitedError(
            operation,
            `rate limited past this call's ${deadlineMs} ms deadline${until}`,
            resetAt,
          );
        }
        await this.#policy.sleep(waitMs);
        continue;
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        await drain(response);
        const failure = new OktaUnavailableError(
          operation,
          'server_error',
          `Okta answered ${response.status} after ${attempt + 1} attempt(s)`,
          response.status,
        );
        if (last) throw failure;
        await this.#backoff(attempt, deadline, failure);
        continue;
      }
      return response;
    }
  }

  /** Until the reset Okta announced, measured against Okta's own `Date` header when it sends one (clock skew). */
  #rateLimitWait(response: SdkResponse, resetAt: Date | undefined, attempt: number): number {
    if (!resetAt) return this.#delay(attempt);
    const served = Date.parse(response.headers.get('date') ?? '');
    const now = Number.isNaN(served) ? this.#policy.clock.now().getTime() : served;
    return Math.max(0, resetAt.getTime() - now) + RESET_MARGIN_MS;
  }

  #delay(attempt: number): number {
    return backoffMs(attempt + 1, { baseMs: 250, maxMs: 5000, random: this.#policy.random });
  }

  async #backoff(attempt: number, deadline: number, failure: Error): Promise<void> {
    const waitMs = this.#delay(attempt);
    if (this.#policy.clock.now().getTime() + waitMs >= deadline) throw failure;
    await this.#policy.sleep(waitMs);
  }
}

function readablePath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

function resetTime(response: SdkResponse): Date | undefined {
  const header = response.headers.get('x-rate-limit-reset');
  // Duplicate headers arrive comma-joined (OKTA-112507): no single reset to trust then.
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return new Date(Number(header.trim()) * 1000);
}

async function drain(response: SdkResponse): Promise<void> {
  await response.text().catch(() => undefined);
}

/** node-fetch rejects with AbortError on our timeout signal and FetchError (ECONNREFUSED, reset…) otherwise. */
export function networkFailure(operation: string, err: unknown, requestTimeoutMs: number): OktaUnavailableError {
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new OktaUnavailableError(operation, 'timeout', `no answer within ${requestTimeoutMs} ms`);
  }
  return new OktaUnavailableError(
    operation,
    'unreachable',
    `cannot reach Okta (${e.code ?? e.name ?? 'network error'})`,
  );
}
