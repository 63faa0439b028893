import { failureReason } from './failure-reason.js';
import type { Metrics } from './metrics.js';

type Headers = Record<string, string | number | undefined>;

/** The slice of an Octokit instance this needs (`octokit.hook` from before-after-hook). */
export interface HookableOctokit {
  hook: {
    after(name: 'request', hook: (response: { headers: Headers }) => void): void;
    error(name: 'request', hook: (error: unknown) => unknown): void;
  };
}

// Expected answers, not failures: a missing file (404), an existing ref (422), a conflict (409), not modified (304).
const NORMAL_STATUSES = new Set([304, 404, 409, 410, 422]);

function record(metrics: Pick<Metrics, 'setRateLimitRemaining'>, headers: Headers | undefined): void {
  const remaining = headers?.['x-ratelimit-remaining'];
  if (remaining === undefined) return; // GitHub Enterprise with rate limiting off sends none
  metrics.setRateLimitRemaining(String(headers?.['x-ratelimit-resource'] ?? 'core'), Number(remaining));
}

/**
 * Records GitHub's remaining rate limit from every response (successful or not) and counts failed calls. Installed
 * after Octokit's retry and throttling plugins, it sees each call's final answer.
 */
export function observeRateLimit(
  octokit: HookableOctokit,
  metrics: Pick<Metrics, 'setRateLimitRemaining' | 'countFailure'>,
) {
  octokit.hook.after('request', (response) => record(metrics, response.headers));
  octokit.hook.error('request', (error) => {
    const fields = error as { status?: unknown; response?: { headers?: Headers } };
    record(metrics, fields.response?.headers);
    if (!(typeof fields.status === 'number' && NORMAL_STATUSES.has(fields.status))) {
      metrics.countFailure('github', failureReason(error));
    }
    throw error;
  });
}

/** The same as an Octokit plugin, for every client a class creates: `createOctokitClass().plugin(rateLimitPlugin(m))`. */
export const rateLimitPlugin =
  (metrics: Pick<Metrics, 'setRateLimitRemaining' | 'countFailure'>) =>
  (octokit: HookableOctokit): Record<string, never> => {
    observeRateLimit(octokit, metrics);
    return {};
  };
