import { describe, expect, it } from '@jest/globals';
import type { ErrorClass } from '../../../src/jobs/classify-error.js';
import type { Job } from '../../../src/store/store.js';
import { describeProblem, reportedOnce } from '../../../src/workflow/job-problem.js';
import type { ProblemFacts } from '../../../src/workflow/job-problem.js';

const at = new Date('2030-01-01T00:00:00Z');
const job = (attempts: number): Job => ({
  id: '42',
  kind: 'pr.evaluate',
  payload: {},
  status: 'failed',
  runAt: at,
  retryPolicy: 'retry',
  attempts,
  maxAttempts: 5,
  lastError: 'Error: token ghs_secretsecret in a URL',
  createdAt: at,
  updatedAt: at,
});
const problem = (error: ErrorClass, attempts = 1, kind: ProblemFacts['problem'] = 'failed'): ProblemFacts => ({
  job: job(attempts),
  problem: kind,
  error,
});

describe('describeProblem', () => {
  it('a config problem: the code, not retried, what to fix, what next', () => {
    const text = describeProblem(
      problem({ category: 'config', retryable: false, code: 'slack:not_in_channel', fix: 'invite @infra-bot' }),
      'deliver the request',
      'Then comment `/infra plan`.',
    );
    expect(text).toBe(
      '⚠️ infra-bot could not deliver the request (job 42, `slack:not_in_channel`). This is a configuration problem, so it is not retried. To fix: invite @infra-bot. Then comment `/infra plan`.',
    );
  });

  it.each([
    [{ category: 'permission', retryable: false, code: 'github:forbidden' }, 1, 'missing a permission'],
    [
      { category: 'config', retryable: true, code: 'github:not_found' },
      3,
      'kept failing after 3 attempts; this looks like a configuration problem',
    ],
    [{ category: 'transient', retryable: true, code: 'network:ECONNRESET' }, 5, 'kept failing after 5 attempts'],
    [{ category: 'bug', retryable: true, code: 'Error' }, 1, 'after 1 attempt with an unexpected error'],
  ] as const)('%o says why in our words, never the error text', (error, attempts, why) => {
    const text = describeProblem(problem(error, attempts), 'plan', '');
    expect(text).toContain(why);
    expect(text).not.toContain('ghs_');
    expect(text.endsWith(' ')).toBe(false);
  });

  it('an interrupted job says it was stopped', () => {
    const text = describeProblem(
      problem({ category: 'transient', retryable: false, code: 'job-interrupted' }, 1, 'interrupted'),
      'plan this pull request',
      'Nothing was applied.',
    );
    expect(text).toBe(
      '⚠️ infra-bot was stopped while it was about to plan this pull request (job 42). Nothing was applied.',
    );
  });

  it('reportedOnce: config and permission problems only', () => {
    expect(reportedOnce(problem({ category: 'config', retryable: false, code: 'x' }))).toBe(true);
    expect(reportedOnce(problem({ category: 'permission', retryable: false, code: 'x' }))).toBe(true);
    expect(reportedOnce(problem({ category: 'transient', retryable: true, code: 'x' }))).toBe(false);
    expect(reportedOnce(problem({ category: 'bug', retryable: true, code: 'x' }))).toBe(false);
  });
});
