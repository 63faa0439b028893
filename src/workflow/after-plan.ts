import type { RepoConfig } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import { mergePull } from '../github/pulls.js';
import type { StackPlanResult } from '../plan/render-stack-section.js';
import type { StackLayout } from '../kinds/kind-definition.js';
import type { IntentSpec } from '../specs/model.js';
import { stackNameFor } from '../synth/stacks.js';
import { setApprovalStatus } from './approval/approval-status.js';
import { JOB_KINDS, fullName } from './job-kinds.js';
import type { EvaluatePullRequestPayload, RequestApprovalPayload } from './job-kinds.js';
import { enqueueCardMove, type CardMoveDeps } from './project-board.js';
import { EXPIRY_BRANCH_PREFIX } from './expiry/remove-expired-spec.js';
import type { Deps } from './services.js';

export type AfterPlanDeps = Deps<'clock' | 'notifyWorker', 'markDecisionsStale' | 'enqueue' | 'audit'> & CardMoveDeps;

/**
 * Once a head SHA is planned:
 *  1. approvals of older heads go stale (a new push needs new approvals);
 *  2. with changes and no failure: ask for approval in Slack (queued, so a Slack outage only delays it);
 *     without changes: the approval status says nothing needs approving;
 *  3. the PR goes onto the board's "planned" column;
 *  4. infra-bot's own expiry PRs merge themselves when their plan is empty.
 */
export async function afterPlan(
  services: AfterPlanDeps,
  octokit: GitHubClient,
  input: {
    payload: EvaluatePullRequestPayload;
    url: string;
    config: RepoConfig;
    results: readonly StackPlanResult[];
    headSpecs: readonly IntentSpec[];
    slackSummary: string;
  },
): Promise<void> {
  const { payload, config, results } = input;
  const repo = fullName(payload);
  await services.store.markDecisionsStale({ repo, pr: payload.pr, exceptHeadSha: payload.headSha });
  const changed = results.filter((result) => result.outcome === 'planned' && result.planId);
  const blocked = results.some((result) => result.outcome === 'failed' || result.outcome === 'locked');
  if (changed.length > 0 && !blocked) {
    const request: RequestApprovalPayload = {
      installationId: payload.installationId,
      owner: payload.owner,
      repo: payload.repo,
      pr: payload.pr,
      title: payload.title,
      url: input.url,
      author: payload.author,
      headSha: payload.headSha,
      planIds: changed.map((result) => result.planId as string),
      stacks: changed.map((result) => ({
        stack: result.stack,
        counts: result.summary?.counts ?? { create: 0, update: 0, delete: 0, replace: 0, read: 0, forget: 0 },
      })),
      intentSummary: input.slackSummary,
      expiries: expiriesOf(
        input.headSpecs,
        new Set(changed.map((result) => result.stack)),
        input.config.identity.stackLayout,
      ),
      ...(config.approvals.slackChannel && { channel: config.approvals.slackChannel }),
      required: config.approvals.required,
    };
    await services.store.enqueue({
      kind: JOB_KINDS.requestApproval,
      payload: request,
      concurrencyKey: `approval:${repo}#${payload.pr}`,
      retryPolicy: 'retry',
      maxAttempts: 10,
    });
    services.notifyWorker();
  } else if (!blocked) {
    await setApprovalStatus(octokit, payload, payload.headSha, { state: 'not-needed' });
  }
  if (payload.nodeId && config.project) {
    await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'planned' });
  }
  // 4. infra-bot's own expiry PR (removing a spec whose resources are already destroyed) merges itself once its
  // checks pass and its plan shows nothing left to change.
  const ownExpiryPr = payload.headRef?.startsWith(EXPIRY_BRANCH_PREFIX) && payload.author.endsWith('[bot]');
  if (ownExpiryPr && results.every((result) => result.outcome === 'no-changes')) {
    await mergePull(octokit, {
      owner: payload.owner,
      repo: payload.repo,
      pull_number: payload.pr,
      sha: payload.headSha,
      method: 'squash',
    });
    await services.store.audit({
      at: services.clock.now(),
      actor: 'infra-bot (expiry)',
      action: 'merge-expiry-pr',
      repo,
      pr: payload.pr,
      sha: payload.headSha,
      outcome: 'merged',
    });
  }
}

function expiriesOf(specs: readonly IntentSpec[], stacks: ReadonlySet<string>, layout: StackLayout) {
  return specs
    .filter((spec) => spec.metadata.ttl !== undefined || spec.metadata.expiresAt !== undefined)
    .filter((spec) => stacks.has(stackNameFor(spec, layout)))
    .map((spec) => ({
      spec: `${spec.kind}/${spec.metadata.name}`,
      ...(spec.metadata.ttl !== undefined && { ttl: spec.metadata.ttl }),
      ...(spec.metadata.expiresAt !== undefined && { expiresAt: spec.metadata.expiresAt }),
    }));
}
