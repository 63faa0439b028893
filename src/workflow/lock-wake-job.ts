import type { WakeJob } from '../store/store.js';
import { JOB_KINDS, pullRequestKey } from './job-kinds.js';
import type { EvaluatePullRequestPayload } from './job-kinds.js';

/**
 * The evaluation queued for a PR told "locked by #N" once that lock is released: the same head, base and stacks
 * it was refused for (a newer push records a newer one, or is itself queued and re-takes the locks). Built the
 * way the webhooks build evaluate jobs, in this one place, so a shared evaluate-job builder can take its place.
 */
export function lockWakeJob(payload: EvaluatePullRequestPayload): WakeJob {
  return {
    kind: JOB_KINDS.evaluatePullRequest,
    payload,
    concurrencyKey: pullRequestKey(payload, payload.pr),
    retryPolicy: 'retry',
  };
}
