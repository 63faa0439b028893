import { describe, expect, it } from '@jest/globals';
import { evaluateJob } from '../../../src/workflow/evaluate-job.js';

const pull = {
  number: 12,
  node_id: 'PR_kwDO12',
  title: 'Logs bucket',
  user: { login: 'bruce' },
  head: { ref: 'logs', sha: 'a'.repeat(40) },
  base: { ref: 'main', sha: 'b'.repeat(40) },
};
const target = { owner: 'acme', repo: 'infra' };

describe('evaluateJob', () => {
  it.each(['opened', 'synchronize', 'command'] as const)(
    '%s › carries the node id, head ref, head SHA and PR number (the card moves after any plan)',
    (trigger) => {
      const job = evaluateJob({ installationId: 7, target, pull, trigger });
      expect(job.payload).toMatchObject({
        installationId: 7,
        owner: 'acme',
        repo: 'infra',
        pr: 12,
        nodeId: 'PR_kwDO12',
        headRef: 'logs',
        headSha: pull.head.sha,
        baseSha: pull.base.sha,
        baseRef: 'main',
        author: 'bruce',
        trigger,
      });
      expect(job).toMatchObject({
        kind: 'pr.evaluate',
        concurrencyKey: 'pr:acme/infra#12',
        supersede: true,
        retryPolicy: 'retry',
      });
    },
  );

  it('/infra plan with stacks › who asked and only those stacks; none named › no onlyStacks at all', () => {
    const named = evaluateJob({
      installationId: 7,
      target,
      pull,
      trigger: 'command',
      requestedBy: 'maria',
      onlyStacks: ['s3-logs'],
    });
    expect(named.payload).toMatchObject({ requestedBy: 'maria', onlyStacks: ['s3-logs'] });
    const all = evaluateJob({ installationId: 7, target, pull, trigger: 'command', onlyStacks: [] });
    expect(all.payload).not.toHaveProperty('onlyStacks');
    expect(all.payload).not.toHaveProperty('requestedBy');
  });

  it('a PR whose author account is gone › "unknown", never a crash', () => {
    expect(
      evaluateJob({ installationId: 7, target, pull: { ...pull, user: null }, trigger: 'opened' }).payload.author,
    ).toBe('unknown');
  });
});
