import { reply } from '../../github/comments.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { fullName } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import { notifySlack, type NotifyDeps } from '../notify.js';
import { enqueueCardMove, type CardMoveDeps } from '../project-board.js';
import type { Deps } from '../services.js';
import { renderNotApplied, renderNotAppliedReason, type NotAppliedReason } from './render-apply-outcome.js';

export type NotAppliedDeps = Deps<'clock', 'audit' | 'recordUnappliedMerge' | 'releaseLocks'> &
  NotifyDeps &
  CardMoveDeps;

export interface NotAppliedInput {
  payload: ApplyPullRequestPayload;
  config: RepoConfig;
  /** The stacks the PR changes that were not applied (empty when they cannot be told, e.g. invalid specs). */
  stacks: readonly string[];
  /** Why (rendered for the PR, Slack and the unapplied record). */
  reason: NotAppliedReason;
  /** Stacks applied before the run stopped (drift found on a later stack). */
  appliedBefore?: readonly string[];
  /** Short outcome for the audit log and the job result. */
  outcome: string;
}

/**
 * A change infra-bot did not apply. Before merge (`/infra apply`) it is a refusal: the PR says why and nothing
 * else changes. After merge it is a state of its own, because the default branch now says something the cloud
 * does not: the PR is told which stacks and what to do, the card goes to the "not applied" column, the stacks are
 * recorded (status, and the notice on the next plan of each stack) until they are next applied, and the PR's
 * locks are released so a follow-up PR can plan them.
 */
export async function reportNotApplied(
  services: NotAppliedDeps,
  octokit: GitHubClient,
  input: NotAppliedInput,
): Promise<string> {
  const { payload, config, stacks, outcome } = input;
  const repo = fullName(payload);
  const merged = payload.mode === 'merge';
  const reason = renderNotAppliedReason(input.reason);
  const notice = renderNotApplied({
    repo,
    pr: payload.pr,
    merged,
    sourceSha: payload.sourceSha,
    stacks,
    reason,
    applyBeforeMerge: config.terraform.applyBeforeMerge,
    ...(input.appliedBefore && { appliedBefore: input.appliedBefore }),
  });
  await reply(octokit, { owner: payload.owner, repo: payload.repo, issue_number: payload.pr, body: notice.comment });
  await notifySlack(services, {
    ...(config.approvals.slackChannel && { channel: config.approvals.slackChannel }),
    text: notice.slack,
  });
  await services.store.audit({
    at: services.clock.now(),
    actor: payload.requestedBy,
    action: 'apply',
    repo,
    pr: payload.pr,
    sha: payload.sourceSha,
    outcome: merged ? `merged, not applied: ${outcome}` : outcome,
    ...(stacks.length && { detail: { stacks } }),
  });
  if (!merged) return outcome;
  await services.store.recordUnappliedMerge({
    repo,
    pr: payload.pr,
    sha: payload.sourceSha,
    reason,
    recordedAt: services.clock.now(),
    stacks,
  });
  await services.store.releaseLocks({ repo, pr: payload.pr });
  if (payload.nodeId) await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'notApplied' });
  return `merged, not applied: ${outcome}`;
}
