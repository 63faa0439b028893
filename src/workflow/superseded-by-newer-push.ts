import type { Job } from '../store/store.js';
import { JOB_KINDS, pullRequestKey } from './job-kinds.js';
import type { EvaluatePullRequestPayload } from './job-kinds.js';
import type { Deps } from './services.js';

/** The plan check's name on the head commit (branch protection can require it). */
export const PLAN_CHECK = 'infra-bot / plan';

/** A newer evaluation of the same PR is queued: it will report instead of this one. */
export async function supersededByNewerPush(
  services: Deps<never, 'listJobs'>,
  job: Job<EvaluatePullRequestPayload>,
): Promise<boolean> {
  const key = pullRequestKey(job.payload, job.payload.pr);
  const queued = await services.store.listJobs({ status: 'queued', kind: JOB_KINDS.evaluatePullRequest, limit: 500 });
  return queued.some((other) => other.concurrencyKey === key && other.id !== job.id);
}
