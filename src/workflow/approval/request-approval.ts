import { approvalState } from '../../approval/approval-rules.js';
import { renderApprovalRequest } from '../../slack/render-approval-request.js';
import type { ApprovalRequestInput } from '../../slack/render-approval-request.js';
import { renderDecision } from '../../slack/render-decision.js';
import { renderSuperseded } from '../../slack/render-superseded.js';
import type { Job } from '../../store/store.js';
import { fullName } from '../job-kinds.js';
import type { RequestApprovalPayload } from '../job-kinds.js';
import type { Deps } from '../services.js';

export type RequestApprovalDeps = Deps<
  'github' | 'slack',
  'listDecisions' | 'getApprovalMessage' | 'saveApprovalMessage'
>;
import { setApprovalStatus } from './approval-status.js';

/** The Slack message a plan asks approval with, as the renderers take it. */
export const approvalInput = (payload: RequestApprovalPayload): ApprovalRequestInput => ({
  repo: fullName(payload),
  pr: payload.pr,
  title: payload.title,
  url: payload.url,
  author: payload.author,
  headSha: payload.headSha,
  planIds: payload.planIds,
  stacks: payload.stacks,
  intentSummary: payload.intentSummary,
  expiries: payload.expiries.map((expiry) => ({
    spec: expiry.spec,
    ...(expiry.ttl !== undefined && { ttl: expiry.ttl }),
    ...(expiry.expiresAt !== undefined && { expiresAt: new Date(expiry.expiresAt) }),
  })),
  required: payload.required,
});

/**
 * After a plan with changes:
 *  1. the previous request of this PR is superseded (a newer head) or updated in place (the same head re-planned);
 *  2. a new request with Approve / Reject goes to `approvals.slackChannel`;
 *  3. the approval status on the head SHA says what is missing.
 * Slack failures throw: the job is retried from the queue, so the request is never lost.
 */
export async function requestApproval(
  services: RequestApprovalDeps,
  job: Job<RequestApprovalPayload>,
): Promise<string> {
  const payload = job.payload;
  const repo = fullName(payload);
  const octokit = await services.github(payload.installationId);
  const decisions = await services.store.listDecisions({ repo, pr: payload.pr, headSha: payload.headSha });
  const state = approvalState(decisions, payload.required);
  if (!services.slack || !payload.channel) {
    await setApprovalStatus(octokit, payload, payload.headSha, {
      state: 'unavailable',
      reason: services.slack
        ? 'approvals.slackChannel is not set in .github/infra.yml'
        : 'Slack is not configured for infra-bot',
    });
    return 'no Slack: approval cannot be requested';
  }
  const slack = services.slack.client;
  const input = approvalInput(payload);
  const message = decisions.length > 0 ? renderDecision(input, state) : renderApprovalRequest(input);
  const previous = await services.store.getApprovalMessage({ repo, pr: payload.pr });
  if (previous && previous.headSha === payload.headSha) {
    await slack.update({ channel: previous.channel, ts: previous.ts, ...message });
    await services.store.saveApprovalMessage({ ...previous, request: payload });
  } else {
    if (previous) {
      await slack.update({
        channel: previous.channel,
        ts: previous.ts,
        ...renderSuperseded({ ...input, headSha: previous.headSha }, payload.headSha),
      });
    }
    const posted = await slack.postMessage({ channel: payload.channel, ...message });
    await services.store.saveApprovalMessage({
      repo,
      pr: payload.pr,
      headSha: payload.headSha,
      channel: posted.channel,
      ts: posted.ts,
      request: payload,
    });
  }
  await setApprovalStatus(octokit, payload, payload.headSha, state);
  return `approval requested in ${payload.channel}`;
}
