import type { ProbotOctokit } from 'probot';
import { createOctokitClass } from '../../../src/github/octokit.js';
import type { GitHubDouble } from './double.js';

export const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * A real ProbotOctokit (retry, throttling, pagination, config plugins) pointed at the double with a static token.
 * Throttling is off by default because its write queue spaces writes a second apart; tests of retry behaviour
 * turn it on. Waits are shortened: one "second" of retry-after lasts `retryAfterBaseValue` ms.
 */
export function testOctokit(double: GitHubDouble, options: { throttle?: boolean; token?: string } = {}): ProbotOctokit {
  const Octokit = createOctokitClass({ retryAfterBaseValue: 1 });
  return new Octokit({
    auth: { token: options.token ?? 'test' },
    baseUrl: `${double.url}/api/v3`,
    log: silentLog,
    ...(options.throttle === true ? {} : { throttle: { enabled: false } }),
  });
}
