import type { FailureReason } from './labels.js';

// Error shapes of the clients we call: Octokit's RequestError (status, response.headers), SlackApiError (code,
// status), the Okta errors (code, reason, status), AWS SDK v3 errors ($metadata.httpStatusCode, name), and Node's
// network errors (code). Only these fields are read; never the message, which is free text.
interface ErrorFields {
  name?: unknown;
  code?: unknown;
  reason?: unknown;
  status?: unknown;
  statusCode?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  response?: { headers?: Record<string, unknown> };
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'network',
  'unreachable',
]);
const TIMEOUT =
  /^(?:ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_(?:HEADERS|BODY)_TIMEOUT|TimeoutError|AbortError|timeout|deadline|request_timeout|RequestTimeout.*)$/;
const RATE_LIMITED =
  /^(?:ratelimited|rate_limited|okta_rate_limited|Throttling(?:Exception)?|TooManyRequestsException|SlowDown)$/;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function statusOf(error: ErrorFields): number | undefined {
  const status = error.status ?? error.statusCode ?? error.$metadata?.httpStatusCode;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** What kind of failure an external call had, from the error's structured fields only. */
export function failureReason(error: unknown, depth = 0): FailureReason {
  if (!error || typeof error !== 'object') return 'other';
  const e = error as ErrorFields;
  const names = [text(e.code), text(e.reason), text(e.name)].filter((value): value is string => Boolean(value));
  const status = statusOf(e);
  const headers = e.response?.headers ?? {};
  if (status === 429 || names.some((name) => RATE_LIMITED.test(name))) return 'rate_limited';
  // GitHub answers an exhausted quota, primary or secondary, with 403 and these headers.
  if (status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined)) {
    return 'rate_limited';
  }
  if (names.some((name) => TIMEOUT.test(name))) return 'timeout';
  if (names.some((name) => NETWORK_CODES.has(name))) return 'network';
  if (status !== undefined && status >= 500) return 'server_error';
  if (
    names.some((name) =>
      /^(?:server_error|internal_error|fatal_error|service_unavailable|okta_unavailable)$/.test(name),
    )
  ) {
    return 'server_error';
  }
  if (status === 401 || status === 403) return 'auth';
  if (names.some((name) => /^(?:invalid_auth|not_authed|account_inactive|token_revoked|token_expired)$/.test(name))) {
    return 'auth';
  }
  if (status !== undefined && status >= 400) return 'client_error';
  // fetch wraps the network error: `TypeError: fetch failed` with the real one as its cause.
  if (e.cause && depth < 3) return failureReason(e.cause, depth + 1);
  return 'other';
}
