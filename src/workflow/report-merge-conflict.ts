import { completeCheckRun, createCheckRun } from '../github/check-runs.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Job } from '../store/store.js';
import { PLAN_CHECK, supersededByNewerPush } from './superseded-by-newer-push.js';
import { fullName } from './job-kinds.js';
import type { EvaluatePullRequestPayload } from './job-kinds.js';
import { mergeConflictMessage } from './merge-with-base.js';
import { upsertPlanComment, type PlanCommentDeps } from './plan-comment.js';
import type { Deps } from './services.js';

export type MergeConflictDeps = Deps<'clock', 'audit' | 'listJobs'> & PlanCommentDeps;

/**
 * A PR whose specs conflict with its base: nothing is planned (which version is meant cannot be told). The plan
 * comment and a failed plan check name the files and say to merge or rebase the base branch.
 */
export async function reportMergeConflict(
  services: MergeConflictDeps,
  octokit: GitHubClient,
  job: Job<EvaluatePullRequestPayload>,
  input: { conflicts: readonly string[]; baseSha: string },
): Promise<string> {
  const payload = job.payload;
  const target = { owner: payload.owner, repo: payload.repo };
  if (await supersededByNewerPush(services, job)) return 'superseded';
  const message = mergeConflictMessage(input.conflicts, payload.baseRef, input.baseSha);
  await upsertPlanComment(services, octokit, target, payload.pr, [message]);
  const checkRunId = await createCheckRun(octokit, {
    ...target,
    name: PLAN_CHECK,
    headSha: payload.headSha,
    status: 'in_progress',
  });
  const n = input.conflicts.length;
  await completeCheckRun(octokit, {
    ...target,
    checkRunId,
    conclusion: 'failure',
    output: {
      title: `Conflicts with ${payload.baseRef} in ${n} file${n === 1 ? '' : 's'}: merge or rebase ${payload.baseRef}`,
      summary: message.slice(0, 60_000),
    },
    annotations: [],
  });
  await services.store.audit({
    at: services.clock.now(),
    actor: payload.requestedBy ?? payload.author,
    action: 'plan',
    repo: fullName(target),
    pr: payload.pr,
    sha: payload.headSha,
    outcome: 'merge conflict',
    detail: { conflicts: input.conflicts, base: input.baseSha },
  });
  return `merge conflict in ${n} file(s)`;
}
