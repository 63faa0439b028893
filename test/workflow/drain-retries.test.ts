// What drain() promises beyond the happy path: a job that fails with a transient error is recorded by the worker's
// own runner and scheduled for a retry; drain leaves it until the clock reaches the retry, then runs it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devbox } from '../e2e/support/fixtures.js';
import { JOB_KINDS } from '../../src/workflow/job-kinds.js';
import { OWNER, REPO, startWorkflowStory } from './support/workflow-story.js';
import type { WorkflowStory } from './support/workflow-story.js';

describe('workflow › drain and retries', () => {
  let story: WorkflowStory;

  beforeAll(async () => {
    story = await startWorkflowStory();
  });
  afterAll(async () => {
    await story?.close();
  });

  it('GitHub answers 502 to every try of a check run › the evaluation waits for its retry, then plans', async () => {
    const pr = story.openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('ada-devbox') }, 'Devbox for Ada');
    // One call's worth: Octokit's retry plugin tries four times before the error reaches the job.
    story.github.failNext({ method: 'POST', pathPattern: `/repos/${OWNER}/${REPO}/check-runs`, status: 502, times: 4 });
    await story.sendPr(pr, 'opened');

    const first = await story.drain();
    expect(first).toEqual([
      expect.objectContaining({ kind: JOB_KINDS.evaluatePullRequest, status: 'queued', lastError: expect.any(String) }),
    ]);
    const waiting = await story.store.getJob(first[0]!.id);
    expect(waiting?.runAt.getTime()).toBeGreaterThan(story.clock.now().getTime());
    expect(story.planComment(pr)).toBeUndefined();

    story.clock.advance(60_000);
    const second = await story.drain();
    expect(second[0]).toMatchObject({ id: first[0]!.id, kind: JOB_KINDS.evaluatePullRequest, status: 'done' });
    expect(story.planComment(pr)?.body).toContain('ec2-ada-devbox');
    expect(story.planCheck(pr)?.conclusion).toBe('success');
  });

  it('nothing is due › drain runs nothing and returns at once', async () => {
    expect(await story.drain()).toEqual([]);
  });
});
