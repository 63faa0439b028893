import { describe, expect, it } from '@jest/globals';
import { SlackApiError } from '../../../src/slack/slack-errors.js';
import { OktaRateLimitedError, OktaRequestError, OktaUnavailableError } from '../../../src/okta/errors.js';
import { failureReason } from '../../../src/metrics/failure-reason.js';

describe('failureReason › from structured fields only', () => {
  it.each([
    ['GitHub 429', { status: 429 }, 'rate_limited'],
    [
      'GitHub 403 with an exhausted quota',
      { status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } },
      'rate_limited',
    ],
    [
      'GitHub 403 secondary limit (retry-after)',
      { status: 403, response: { headers: { 'retry-after': '60' } } },
      'rate_limited',
    ],
    ['GitHub 403 permission', { status: 403, response: { headers: {} } }, 'auth'],
    ['GitHub 401', { status: 401 }, 'auth'],
    ['GitHub 502', { status: 502 }, 'server_error'],
    ['GitHub 422', { status: 422 }, 'client_error'],
    [
      'Slack rate limit',
      new SlackApiError('ratelimited', 'chat.postMessage', 'rate limited', true, 429),
      'rate_limited',
    ],
    ['Slack network', new SlackApiError('network', 'chat.update', 'could not reach Slack', true), 'network'],
    ['Slack HTTP 503', new SlackApiError('http_503', 'chat.update', 'HTTP 503', true, 503), 'server_error'],
    ['Slack invalid_auth', new SlackApiError('invalid_auth', 'auth.test', 'Slack answered', false), 'auth'],
    ['Okta rate limited', new OktaRateLimitedError('GET /api/v1/users', '429 storm'), 'rate_limited'],
    ['Okta timeout', new OktaUnavailableError('GET /api/v1/users', 'timeout', 'timed out'), 'timeout'],
    ['Okta unreachable', new OktaUnavailableError('GET /api/v1/users', 'unreachable', 'refused'), 'network'],
    ['Okta 5xx', new OktaUnavailableError('GET /api/v1/users', 'server_error', '503', 503), 'server_error'],
    ['Okta bad token', new OktaRequestError('GET /api/v1/users', 401, 'invalid token', 'E0000011'), 'auth'],
    ['AWS throttling', { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }, 'rate_limited'],
    ['AWS expired token', { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 403 } }, 'auth'],
    ['Node connection refused', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'network'],
    ['fetch failed (cause)', new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), 'network'],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'timeout'],
    ['anything else', new Error('boom'), 'other'],
    ['not an error', 'boom', 'other'],
  ])('%s › %s', (_name, error, reason) => {
    expect(failureReason(error)).toBe(reason);
  });
});
