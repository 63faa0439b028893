import type { PullRequest } from '../github/pulls.js';
import type { EnqueueInput } from '../store/store.js';
import { JOB_KINDS, pullRequestKey } from './job-kinds.js';
import type { EvaluatePullRequestPayload } from './job-kinds.js';

/** The fields of a pull request an evaluation needs, as GitHub's REST and webhook payloads both spell them. */
export interface PullRequestFields {
  number: number;
  node_id: string;
  title: string;
  user: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

/** The gateway's pull request in the spelling above. */
export function pullRequestFields(pull: PullRequest): PullRequestFields {
  return {
    number: pull.number,
    node_id: pull.nodeId,
    title: pull.title,
    user: { login: pull.user.login },
    head: { ref: pull.head.ref, sha: pull.head.sha },
    base: { ref: pull.base.ref, sha: pull.base.sha },
  };
}

export interface EvaluateJobInput {
  installationId: number;
  target: { owner: string; repo: string };
  pull: PullRequestFields;
  trigger: EvaluatePullRequestPayload['trigger'];
  /** Who asked (`/infra plan`); absent for pushes. */
  requestedBy?: string;
  onlyStacks?: readonly string[];
}

/**
 * The one way to queue a PR evaluation (webhooks, `/infra plan`, reconcile): the payload always carries the PR's
 * node id and head ref (the board card moves after every plan), its head SHA and number; a newer evaluation of the
 * same PR supersedes a queued one.
 */
export function evaluateJob(input: EvaluateJobInput): EnqueueInput & { payload: EvaluatePullRequestPayload } {
  const { pull, target } = input;
  const payload: EvaluatePullRequestPayload = {
    installationId: input.installationId,
    owner: target.owner,
    repo: target.repo,
    pr: pull.number,
    nodeId: pull.node_id,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? 'unknown',
    title: pull.title,
    trigger: input.trigger,
    ...(input.requestedBy !== undefined && { requestedBy: input.requestedBy }),
    ...(input.onlyStacks?.length && { onlyStacks: [...input.onlyStacks] }),
  };
  return {
    kind: JOB_KINDS.evaluatePullRequest,
    payload,
    concurrencyKey: pullRequestKey(target, pull.number),
    supersede: true,
    retryPolicy: 'retry',
  };
}
