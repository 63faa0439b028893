import { describe, expect, it } from '@jest/globals';
import { callGitHub, GitHubGatewayError, toGatewayError } from '../../../src/github/errors.js';
import { hasAtLeast, type PermissionLevel } from '../../../src/github/permissions.js';
import { matchesPrefix } from '../../../src/github/repo-files.js';

// octokit's RequestError in the shape the gateway reads: an Error with status and (when GitHub answered) response
const httpError = (status: number, message = 'boom', headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { status, headers, data: { message } } });

describe('toGatewayError', () => {
  it.each([
    [401, 'Bad credentials', {}, 'unauthorized'],
    [403, 'Resource not accessible by integration', {}, 'forbidden'],
    [403, 'You have exceeded a secondary rate limit', {}, 'rate_limited'],
    [403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }, 'rate_limited'],
    [404, 'Not Found', {}, 'not_found'],
    [409, 'Conflict', {}, 'conflict'],
    [422, 'Validation Failed', {}, 'validation_failed'],
    [429, 'Too many', {}, 'rate_limited'],
    [502, 'Bad Gateway', {}, 'server_error'],
  ])('HTTP %i "%s" › %s', (status, message, headers, code) => {
    const error = toGatewayError('get pull acme/infra#1', httpError(status, message, headers));
    expect(error).toMatchObject({ name: 'GitHubGatewayError', code, status, operation: 'get pull acme/infra#1' });
    expect(error.message).toBe(`get pull acme/infra#1: ${status} ${message}`);
  });

  it('a request that never got a response › is a network error', () => {
    const error = toGatewayError('op', Object.assign(new Error('connect ECONNREFUSED'), { status: 500 }));
    expect(error.code).toBe('network');
  });

  it('keeps the original error as cause', () => {
    const original = httpError(500);
    expect(toGatewayError('op', original).cause).toBe(original);
  });

  it('a gateway error passes through unchanged; anything else is unexpected', () => {
    const original = new GitHubGatewayError('head_moved', 'op', 'moved');
    expect(toGatewayError('other', original)).toBe(original);
    expect(toGatewayError('op', new TypeError('x is undefined'))).toMatchObject({
      code: 'unexpected',
      message: 'op: x is undefined',
    });
  });

  it('callGitHub › wraps what the call throws and passes results through', async () => {
    await expect(callGitHub('op', async () => 5)).resolves.toBe(5);
    await expect(callGitHub('op', async () => Promise.reject(httpError(404)))).rejects.toBeInstanceOf(
      GitHubGatewayError,
    );
  });
});

describe('hasAtLeast', () => {
  const levels: PermissionLevel[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];
  it.each(levels)('%s › meets exactly the levels at or below it', (level) => {
    const index = levels.indexOf(level);
    expect(levels.map((required) => hasAtLeast(level, required))).toEqual(levels.map((_, i) => i <= index));
  });
});

describe('matchesPrefix', () => {
  it.each([
    ['infra-specs/a.yaml', ['infra-specs/'], true],
    ['infra-specs-old/a.yaml', ['infra-specs/'], false],
    ['.github/infra.yml', ['.github/infra.yml'], true],
    ['.github/infra.yml.bak', ['.github/infra.yml'], false],
    ['infra-specs/deep/a.yaml', ['infra-specs'], true],
    ['README.md', ['infra-specs/', '.github/infra.yml'], false],
  ])('%s with %j › %s', (path, prefixes, expected) => {
    expect(matchesPrefix(path, prefixes)).toBe(expected);
  });
});
