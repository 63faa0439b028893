import type { Job } from '../store/store.js';
import { JOB_KINDS, fullName, pullRequestKey } from './job-kinds.js';
import type { ApplyPullRequestPayload, ClosePullRequestPayload } from './job-kinds.js';
import type { Services } from './services.js';

/**
 * A closed PR. Merged: queue the apply of its approved plans (it releases the locks when done). Closed without
 * merging: its plans are discarded and its locks released; the PRs waiting on those locks are queued for a plan.
 */
export async function closePullRequest(services: Services, job: Job<ClosePullRequestPayload>): Promise<string> {
  const { payload } = job;
  const repo = fullName(payload);
  // A closed PR waits for no lock: releases no longer re-plan it.
  await services.store.forgetLockWaits({ repo, pr: payload.pr });
  if (payload.merged) {
    const apply: ApplyPullRequestPayload = {
      installationId: payload.installationId,
      owner: payload.owner,
      repo: payload.repo,
      pr: payload.pr,
      ...(payload.nodeId && { nodeId: payload.nodeId }),
      headSha: payload.headSha,
      sourceSha: payload.mergeCommitSha ?? payload.headSha,
      mode: 'merge',
      requestedBy: 'merge',
    };
    // Never retried by itself: a partial apply needs a person.
    await services.store.enqueue({
      kind: JOB_KINDS.applyPullRequest,
      payload: apply,
      concurrencyKey: pullRequestKey(payload, payload.pr),
      retryPolicy: 'never',
    });
    services.notifyWorker();
    return 'apply queued';
  }
  const released = await services.store.releaseLocks({ repo, pr: payload.pr });
  const discarded = await services.store.discardPlans({ repo, pr: payload.pr });
  await services.store.audit({
    at: services.clock.now(),
    actor: 'infra-bot',
    action: 'close',
    repo,
    pr: payload.pr,
    sha: payload.headSha,
    outcome: `released ${released.length} lock(s), discarded ${discarded} plan(s)`,
  });
  return `released ${released.length} lock(s)`;
}
