import { describe, expect, it } from '@jest/globals';
import { JOB_KINDS, pullRequestKey } from '../../../src/workflow/job-kinds.js';
import type { EvaluatePullRequestPayload } from '../../../src/workflow/job-kinds.js';
import { lockWakeJob } from '../../../src/workflow/lock-wake-job.js';

const payload: EvaluatePullRequestPayload = {
  installationId: 4242,
  owner: 'acme',
  repo: 'infra',
  pr: 4,
  nodeId: 'PR_node4',
  headRef: 'group-b',
  headSha: 'b'.repeat(40),
  baseSha: 'a'.repeat(40),
  baseRef: 'main',
  author: 'maria',
  title: 'Data team',
  trigger: 'opened',
  onlyStacks: ['identity'],
};

describe('lockWakeJob', () => {
  it('re-evaluates the refused head like a webhook would: same payload, the PR key, retried', () => {
    const job = lockWakeJob(payload);
    expect(job).toEqual({
      kind: JOB_KINDS.evaluatePullRequest,
      payload,
      concurrencyKey: pullRequestKey({ owner: 'acme', repo: 'infra' }, 4),
      retryPolicy: 'retry',
    });
  });

  it('one key per PR › two PRs never share (or supersede) each other’s wake job', () => {
    expect(lockWakeJob({ ...payload, pr: 5 }).concurrencyKey).not.toBe(lockWakeJob(payload).concurrencyKey);
    expect(lockWakeJob({ ...payload, repo: 'other' }).concurrencyKey).not.toBe(lockWakeJob(payload).concurrencyKey);
  });
});
