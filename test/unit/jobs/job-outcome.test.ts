import { describe, expect, it } from '@jest/globals';
import { describeOutcome, jobOutcomeFields } from '../../../src/jobs/job-outcome.js';
import type { Job } from '../../../src/store/store.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const job = (kind: string, payload: unknown): Job => ({
  id: '42',
  kind,
  payload,
  status: 'running',
  runAt: T0,
  retryPolicy: 'retry',
  attempts: 1,
  maxAttempts: 5,
  createdAt: T0,
  updatedAt: T0,
});

describe('jobOutcomeFields', () => {
  it('an apply › names the repo, the PR and the outcome', () => {
    const fields = jobOutcomeFields(job('pr.apply', { owner: 'acme', repo: 'infra', pr: 4 }), 'nothing to apply');
    expect(fields).toEqual({ jobId: '42', kind: 'pr.apply', repo: 'acme/infra', pr: 4, outcome: 'nothing to apply' });
  });

  it('stacks › from onlyStacks, onlyStack, stack and the stacks of an approval request, once each', () => {
    const payload = {
      owner: 'acme',
      repo: 'infra',
      pr: 4,
      onlyStacks: ['identity'],
      onlyStack: 'ec2-box',
      stack: 'identity',
      stacks: [{ stack: 's3-logs', counts: {} }, { counts: {} }, 7],
    };
    expect(jobOutcomeFields(job('approval.request', payload), 'sent').stacks).toEqual([
      'identity',
      'ec2-box',
      's3-logs',
    ]);
  });

  it('a command › takes the number of a pull request, not of an issue', () => {
    const base = { owner: 'acme', repo: 'infra', number: 9 };
    expect(jobOutcomeFields(job('comment.command', { ...base, isPullRequest: true }), 'x').pr).toBe(9);
    expect(jobOutcomeFields(job('comment.command', { ...base, isPullRequest: false }), 'x').pr).toBeUndefined();
  });

  it('payloads of other shapes › only what is there; a deadline names its repo', () => {
    expect(jobOutcomeFields(job('drift.tick', null), undefined)).toEqual({
      jobId: '42',
      kind: 'drift.tick',
      outcome: 'done',
    });
    expect(jobOutcomeFields(job('deadline.expire', { repo: 'acme/infra', pr: '4' }), 'ok')).toEqual({
      jobId: '42',
      kind: 'deadline.expire',
      repo: 'acme/infra',
      outcome: 'ok',
    });
  });
});

describe('describeOutcome', () => {
  it('strings as they are; objects as JSON; long ones cut', () => {
    expect(describeOutcome('superseded: the PR moved on')).toBe('superseded: the PR moved on');
    expect(describeOutcome({ applied: 2 })).toBe('{"applied":2}');
    const long = describeOutcome('x'.repeat(1000));
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('what JSON cannot say › still a line', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeOutcome(circular)).toBe('[object Object]');
    expect(describeOutcome(10n)).toBe('10');
  });
});
