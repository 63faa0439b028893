import type { Context } from 'probot';
import { JOB_KINDS, pullRequestKey } from '../workflow/job-kinds.js';
import type { ClosePullRequestPayload } from '../workflow/job-kinds.js';
import { evaluateJob } from '../workflow/evaluate-job.js';
import { enqueueDelivery } from './enqueue-delivery.js';
import type { WebhookDeps } from './enqueue-delivery.js';

type PullRequestContext = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>;

/** opened / synchronize / reopened → evaluate the head; a newer push supersedes a queued evaluation. */
export const onPullRequestChanged = (deps: WebhookDeps) => async (context: PullRequestContext) => {
  const { pull_request: pr, repository, installation } = context.payload;
  if (!installation) return;
  const target = { owner: repository.owner.login, repo: repository.name };
  await enqueueDelivery(
    deps,
    { id: context.id, event: context.name, action: context.payload.action, repo: repository.full_name },
    evaluateJob({ installationId: installation.id, target, pull: pr, trigger: context.payload.action }),
  );
};

/** closed → release the PR's locks and discard its plans. */
export const onPullRequestClosed = (deps: WebhookDeps) => async (context: Context<'pull_request.closed'>) => {
  const { pull_request: pr, repository, installation } = context.payload;
  if (!installation) return;
  const target = { owner: repository.owner.login, repo: repository.name };
  const payload: ClosePullRequestPayload = {
    installationId: installation.id,
    ...target,
    pr: pr.number,
    nodeId: pr.node_id,
    merged: pr.merged,
    headSha: pr.head.sha,
    ...(pr.merge_commit_sha && { mergeCommitSha: pr.merge_commit_sha }),
  };
  await enqueueDelivery(
    deps,
    { id: context.id, event: context.name, action: 'closed', repo: repository.full_name },
    {
      kind: JOB_KINDS.closePullRequest,
      payload,
      concurrencyKey: pullRequestKey(target, pr.number),
      retryPolicy: 'retry',
    },
  );
};
