import { describe, expect, it } from '@jest/globals';
import { AwsRequestError, AwsThrottledError, toAwsError } from '../../../src/aws/aws-errors.js';
import { GitHubGatewayError, toGatewayError } from '../../../src/github/errors.js';
import { ProjectsError } from '../../../src/github/projects.js';
import { classifyError } from '../../../src/jobs/classify-error.js';
import { PermanentJobError, RetryLaterError, TerraformRunError } from '../../../src/jobs/errors.js';
import {
  OktaAmbiguousUserError,
  OktaRateLimitedError,
  OktaRequestError,
  OktaUnavailableError,
} from '../../../src/okta/errors.js';
import { SlackApiError, toSlackApiError } from '../../../src/slack/slack-errors.js';

/** An Octokit RequestError as it reaches us: status, message, response headers. */
const requestError = (status: number, headers: Record<string, string> = {}, message = 'Request failed') =>
  Object.assign(new Error(message), { name: 'HttpError', status, response: { headers, data: {} } });
const platformError = (code: string) =>
  toSlackApiError('chat.postMessage', { code: 'slack_webapi_platform_error', data: { error: code } });
const netError = (code: string) => Object.assign(new Error(`${code}: socket`), { code });

describe('classifyError', () => {
  it.each([
    ['channel_not_found', 'config'],
    ['not_in_channel', 'config'],
    ['is_archived', 'config'],
    ['invalid_auth', 'permission'],
    ['missing_scope', 'permission'],
  ])('Slack %s is a %s problem, not retried, with a fix', (code, category) => {
    const verdict = classifyError(platformError(code));
    expect(verdict).toMatchObject({ category, retryable: false, code: `slack:${code}` });
    expect(verdict.fix).toMatch(category === 'config' ? /invite @infra-bot/ : /SLACK_BOT_TOKEN/);
  });

  it('Slack rate limits, outages and network failures are transient; other bad requests are bugs not retried', () => {
    expect(
      classifyError(toSlackApiError('chat.postMessage', { code: 'slack_webapi_rate_limited_error' })),
    ).toMatchObject({
      category: 'transient',
      retryable: true,
      code: 'slack:ratelimited',
    });
    expect(classifyError(platformError('internal_error'))).toMatchObject({ category: 'transient', retryable: true });
    expect(classifyError(new SlackApiError('network', 'auth.test', 'down', true))).toMatchObject({ retryable: true });
    expect(classifyError(new SlackApiError('http_503', 'auth.test', 'down', true, 503)).category).toBe('transient');
    expect(classifyError(platformError('invalid_blocks'))).toMatchObject({ category: 'bug', retryable: false });
  });

  it('tells a GitHub 403 rate limit from a missing permission', () => {
    expect(classifyError(requestError(403, { 'x-ratelimit-remaining': '0' }))).toMatchObject({
      category: 'transient',
      retryable: true,
    });
    expect(classifyError(requestError(403, { 'retry-after': '60' })).category).toBe('transient');
    expect(classifyError(requestError(403))).toMatchObject({ category: 'permission', retryable: false });
    expect(classifyError(toGatewayError('create check', requestError(403)))).toMatchObject({
      category: 'permission',
      code: 'github:forbidden',
    });
    expect(
      classifyError(toGatewayError('create check', requestError(403, { 'x-ratelimit-remaining': '0' }))),
    ).toMatchObject({ category: 'transient', code: 'github:rate_limited' });
    expect(classifyError(requestError(429)).category).toBe('transient');
  });

  it('GitHub: 404 is config (still retried), 5xx and network are transient, 422 is our bug and not retried', () => {
    // A 404 is retried all the same: GitHub can answer it for a commit just pushed and not replicated yet.
    expect(classifyError(requestError(404))).toMatchObject({ category: 'config', retryable: true });
    expect(classifyError(toGatewayError('get file', requestError(404))).code).toBe('github:not_found');
    expect(classifyError(requestError(502))).toMatchObject({ category: 'transient', retryable: true });
    expect(classifyError(new GitHubGatewayError('network', 'get', 'reset')).category).toBe('transient');
    expect(classifyError(new GitHubGatewayError('head_moved', 'commit', 'moved')).retryable).toBe(true);
    expect(classifyError(requestError(422))).toMatchObject({ category: 'bug', retryable: false });
    expect(classifyError(new GitHubGatewayError('too_many_files', 'list', '3001 files')).category).toBe('config');
  });

  it('a missing project board, field or column is config; a forbidden board is a permission', () => {
    const missing = classifyError(new ProjectsError('project-not-found', 'project 7 of acme was not found'));
    expect(missing).toMatchObject({ category: 'config', retryable: false, code: 'github:project-not-found' });
    expect(missing.fix).toMatch(/does not exist or the app cannot see it/);
    expect(classifyError(new ProjectsError('option-not-found', 'no "Done"')).category).toBe('config');
    expect(classifyError(new ProjectsError('forbidden', 'no access'))).toMatchObject({
      category: 'permission',
      retryable: false,
    });
  });

  it('Okta: unavailable and rate limited are transient; 401/403 permission; 404 and ambiguous users config', () => {
    expect(classifyError(new OktaUnavailableError('GET /users', 'timeout', 'slow')).category).toBe('transient');
    expect(classifyError(new OktaRateLimitedError('GET /users', '429')).retryable).toBe(true);
    expect(classifyError(new OktaRequestError('GET /users', 401, 'bad token'))).toMatchObject({
      category: 'permission',
      retryable: false,
    });
    expect(classifyError(new OktaRequestError('GET /groups/x', 404, 'gone')).category).toBe('config');
    expect(classifyError(new OktaAmbiguousUserError('GET /users', 'a@b.c', 2)).fix).toMatch(/login/);
  });

  it('AWS: throttling and outages are transient; access denied is a permission; other refusals config', () => {
    expect(classifyError(new AwsThrottledError('EC2', 'DescribeInstances', 'throttled')).category).toBe('transient');
    expect(
      classifyError(toAwsError('STS', 'GetCallerIdentity', Object.assign(new Error('x'), { code: 'ECONNRESET' }))),
    ).toMatchObject({ category: 'transient', retryable: true });
    const denied = toAwsError('EC2', 'DescribeInstances', {
      name: 'UnauthorizedOperation',
      message: 'no',
      $metadata: { httpStatusCode: 403 },
    });
    expect(classifyError(denied)).toMatchObject({ category: 'permission', code: 'aws:UnauthorizedOperation' });
    expect(
      classifyError(new AwsRequestError('EC2', 'RunInstances', 'bad', { awsCode: 'InvalidParameterValue' })),
    ).toMatchObject({ category: 'config', retryable: false });
  });

  it('terraform: a timeout or a network error is transient, access denied a permission, an error diagnostic config', () => {
    expect(classifyError(new TerraformRunError('apply', 'killed', true)).category).toBe('transient');
    expect(classifyError(new TerraformRunError('apply', 'Error: read: connection reset by peer')).category).toBe(
      'transient',
    );
    expect(
      classifyError(new TerraformRunError('apply', 'Error: AccessDenied: not authorized to perform: s3:DeleteBucket')),
    ).toMatchObject({ category: 'permission', retryable: false, code: 'terraform:apply' });
    expect(classifyError(new TerraformRunError('plan', 'Error: Invalid reference'))).toMatchObject({
      category: 'config',
      retryable: false,
    });
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'UND_ERR_SOCKET'])('network error %s is transient', (code) => {
    expect(classifyError(netError(code))).toMatchObject({
      category: 'transient',
      retryable: true,
      code: `network:${code}`,
    });
  });

  it('fetch failed is read through its cause, and is transient even without one', () => {
    const wrapped = new TypeError('fetch failed', { cause: netError('ECONNRESET') });
    expect(classifyError(wrapped).code).toBe('network:ECONNRESET');
    expect(classifyError(new TypeError('fetch failed'))).toMatchObject({
      category: 'transient',
      code: 'network:fetch_failed',
    });
  });

  it('PermanentJobError is never retried: its own category, else its cause’s, else a bug', () => {
    expect(classifyError(new PermanentJobError('spec gone'))).toMatchObject({ category: 'bug', retryable: false });
    expect(classifyError(new PermanentJobError('x', { category: 'config', fix: 'do y' }))).toMatchObject({
      category: 'config',
      retryable: false,
      fix: 'do y',
    });
    expect(classifyError(new PermanentJobError('x', { cause: netError('ECONNRESET') }))).toMatchObject({
      category: 'transient',
      retryable: false,
      code: 'network:ECONNRESET',
    });
  });

  it('RetryLaterError (a stack busy with another run) is transient', () => {
    expect(classifyError(new RetryLaterError('the stack is busy'))).toMatchObject({
      category: 'transient',
      retryable: true,
      code: 'job-retry-later',
    });
  });

  it('anything else is a bug, retried (we cannot tell), with a code safe for a label', () => {
    expect(classifyError(new Error('boom'))).toMatchObject({ category: 'bug', retryable: true, code: 'Error' });
    expect(classifyError('a string')).toMatchObject({ category: 'bug', code: 'unknown' });
    expect(classifyError(undefined).category).toBe('bug');
    expect(classifyError(Object.assign(new Error('x'), { code: 'has spaces and $ecrets' })).code).toBe('unknown');
  });
});
