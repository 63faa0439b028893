// Every Slack Web API failure becomes a SlackApiError: a stable `code` (Slack's own error string such as
// `channel_not_found`, or `ratelimited`, `http_<status>`, `network`), the method, and whether a later retry (the
// job queue's) can help. The SDK's error is not kept as `cause`: its request config carries the bot token.
import { ErrorCode } from '@slack/web-api';
import { redactSlackTokens } from './slack-log.js';

/** Slack errors that are about Slack, not about the request: worth another try later. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';
  constructor(
    readonly code: string,
    readonly method: string,
    message: string,
    /** True when the call may succeed later (rate limit, Slack down, network); false for a bad request. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(`Slack ${method}: ${redactSlackTokens(message)}`);
  }
}

interface SdkError {
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  statusCode?: unknown;
}

export function toSlackApiError(method: string, error: unknown): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const message = typeof e.message === 'string' ? e.message : String(error);
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return new SlackApiError(code, method, `Slack answered "${code}"`, TRANSIENT.has(code));
    }
    case ErrorCode.RateLimitedError:
      return new SlackApiError('ratelimited', method, 'rate limited by Slack', true, 429);
    case ErrorCode.HTTPError: {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      return new SlackApiError(
        `http_${status}`,
        method,
        `HTTP ${status} from Slack`,
        status >= 500 || status === 0,
        status,
      );
    }
    case ErrorCode.RequestError:
      // @slack/web-api 8 wraps the give-up after repeated 429s as a request error; that is still a rate limit
      if (/rate limit was exceeded/i.test(message)) return new SlackApiError('ratelimited', method, message, true, 429);
      return new SlackApiError('network', method, `could not reach Slack (${message})`, true);
  }
  // WebClient gives up on a 429 it kept retrying with a plain Error of its own
  if (/rate limit was exceeded/i.test(message)) return new SlackApiError('ratelimited', method, message, true, 429);
  return new SlackApiError('unexpected', method, message, false);
}
