import { reply } from '../../github/comments.js';
import { synthSettingsFrom } from '../../config/synth-settings.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { approvalState } from '../../approval/approval-rules.js';
import type { Job } from '../../store/store.js';
import { importsOf, readDuringApplyOf, synthesize } from '../../synth/synthesize.js';
import { stackNameFor } from '../../synth/stacks.js';
import { stackOrder } from '../affected-stacks.js';
import { knownExpiries } from '../expiry/deadlines.js';
import { fullName } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import { loadSpecsAt } from '../load-specs-at.js';
import { notifySlack, type NotifyDeps } from '../notify.js';
import { welcomeNewUsers } from '../self-service/welcome-new-users.js';
import { enqueueCardMove, type CardMoveDeps } from '../project-board.js';
import type { Deps } from '../services.js';
import { applyStack, type ApplyStackDeps } from './apply-stack.js';
import { approvalsOfContent } from './approvals-of-content.js';
import type { ApplyStackResult, StoredSummary } from './apply-stack.js';
import type { PlanRecord } from '../../store/store.js';
import { reportNotApplied, type NotAppliedDeps } from './not-applied.js';
import {
  applyFailedReason,
  renderApplyOutcome,
  runLockBusy,
  type ApplyOutcome,
  type NotAppliedReason,
} from './render-apply-outcome.js';
import { withRunLock, type RunLockDeps } from './run-lock.js';
import { unplannedMerge, type UnplannedMergeDeps } from './stacks-changed-by-merge.js';

/** What an apply reaches: GitHub, the store parts below, and what the steps it calls reach. */
export type ApplyDeps = Deps<
  'github' | 'clock' | 'dataDir',
  | 'audit'
  | 'latestPlans'
  | 'listDecisions'
  | 'getPlan'
  | 'clearUnappliedMerges'
  | 'recordUnappliedMerge'
  | 'releaseLocks'
> &
  NotAppliedDeps &
  UnplannedMergeDeps &
  RunLockDeps &
  ApplyStackDeps &
  NotifyDeps &
  CardMoveDeps;

/**
 * Stacks that live on first, in dependency order (groups, then the users and roles reading their ids), then the
 * stacks being destroyed in the reverse order: a group goes only after its members' stacks stopped naming it. A stack
 * forgetting its objects goes last too: they must be in their new stacks first.
 */
export function byApplyOrder(a: ApprovedPlan, b: ApprovedPlan): number {
  const goes = ({ stored }: ApprovedPlan) => stored.destroy === true || stored.forget === true;
  const [aGoes, bGoes] = [goes(a), goes(b)];
  if (aGoes !== bGoes) return aGoes ? 1 : -1;
  const rank = stackOrder(a.plan.stack) - stackOrder(b.plan.stack);
  return (aGoes ? -rank : rank) || (a.plan.stack < b.plan.stack ? -1 : 1);
}

/** A plan record with its stored summary, parsed once (it can be megabytes). */
export interface ApprovedPlan {
  plan: PlanRecord;
  stored: StoredSummary;
}

/**
 * Apply after merge (or `/infra apply` before it, where allowed). Nothing is applied that was not planned and
 * approved for the exact head SHA and the exact synthesised content:
 *  1. the PR's plans with changes at the approved head, and enough approvals for that head;
 *  2. the source commit (merge commit, or head) re-synthesised: each stack must hash to what was planned;
 *  3. stack by stack in apply order (byApplyOrder), under the stack's run lock: plan again with the apply role, check the
 *     change set is the approved one (else drift: stop), apply that saved plan, schedule its expiries;
 *  4. the outcome on the PR and in Slack, the card to done, locks released. A failure stops the run, keeps the
 *     locks with their owner and is never retried automatically (a partial apply needs a person).
 * Anything refused before terraform apply starts (no approval for the merged head, a head never planned, a stale
 * or drifted plan, an invalid config or specs) is "merged but not applied" after a merge: see not-applied.ts.
 */
export async function applyPullRequest(
  services: ApplyDeps,
  job: Job<ApplyPullRequestPayload>,
  signal: AbortSignal,
): Promise<string> {
  const payload = job.payload;
  const repo = fullName(payload);
  const target = { owner: payload.owner, repo: payload.repo };
  const octokit = await services.github(payload.installationId);
  const now = () => services.clock.now();
  const audit = (action: string, outcome: string, stack?: string, detail?: unknown) =>
    services.store.audit({
      at: now(),
      actor: payload.requestedBy,
      action,
      repo,
      pr: payload.pr,
      sha: payload.sourceSha,
      outcome,
      ...(stack && { stack }),
      ...(detail !== undefined && { detail }),
    });

  // 1. Plans and approvals of the approved head.
  const planned = await services.store.latestPlans({ repo, pr: payload.pr, headSha: payload.headSha });
  const approved = planned
    .filter((plan) => plan.status === 'planned')
    .filter((plan) => !payload.onlyStacks?.length || payload.onlyStacks.includes(plan.stack))
    .map((plan): ApprovedPlan => ({ plan, stored: JSON.parse(plan.summaryJson) as StoredSummary }))
    .sort(byApplyOrder);
  const plans = approved.map(({ plan }) => plan);
  const source = await loadSpecsAt(octokit, target, payload.sourceSha, now());
  const config = source.config;
  const stacks = plans.map((plan) => plan.stack);
  const notApplied = (reason: NotAppliedReason, outcome: string, stackList: readonly string[] = stacks) =>
    reportNotApplied(services, octokit, { payload, config, stacks: stackList, reason, outcome });
  /** The outcome, on the PR and in the approvals channel. */
  const report = async (outcome: ApplyOutcome) => {
    const { comment, slack } = renderApplyOutcome(outcome);
    await reply(octokit, { ...target, issue_number: payload.pr, body: comment });
    await notifySlack(services, { ...channelOf(config), text: slack });
  };
  if (plans.length === 0) {
    // A merged head that was never planned (pushed right before the merge) is not "nothing to apply".
    const unplanned =
      payload.mode === 'merge' && planned.length === 0
        ? await unplannedMerge(services, octokit, payload, source)
        : undefined;
    if (unplanned) return notApplied(unplanned.reason, 'refused: merged head not planned', unplanned.stacks);
    if (payload.mode === 'merge') {
      await services.store.releaseLocks({ repo, pr: payload.pr });
      if (payload.nodeId) await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'done' });
    }
    await audit('apply', 'nothing to apply');
    return 'nothing to apply';
  }
  if (source.configProblems.length > 0) {
    return notApplied(
      { kind: 'invalid-config', sourceSha: payload.sourceSha, problems: source.configProblems },
      'refused: invalid repo config',
    );
  }
  // Only decisions about this content count: the same head re-planned against a changed base is new content.
  const { counted: decisions, otherContent } = await approvalsOfContent(
    await services.store.listDecisions({ repo, pr: payload.pr, headSha: payload.headSha }),
    plans,
    (id) => services.store.getPlan(id),
  );
  const state = approvalState(decisions, config.approvals.required);
  if (state.state !== 'approved') {
    return notApplied(
      { kind: 'not-approved', headSha: payload.headSha, approval: state, otherContent },
      `refused: ${state.state}`,
    );
  }

  // 2. The source must synthesise to exactly what was planned and approved.
  if (!source.validation.ok) {
    return notApplied(
      { kind: 'invalid-source', sourceSha: payload.sourceSha, problems: source.validation.diagnostics },
      'refused: invalid source',
    );
  }
  const settings = synthSettingsFrom(config, { repository: repo, localStateDir: `${services.dataDir}/state` });
  const known = await knownExpiries(services, repo);
  const storedSummaries = approved.map(({ stored }) => stored);
  const newGroups = readDuringApplyOf(storedSummaries);
  const imports = importsOf(storedSummaries);
  const sourceStacks = new Map(
    // The approved stacks only: in the per-spec layout a repository has a stack per person.
    synthesize(source.validation.specs, { settings, expiries: known, newGroups, imports, stacks }).map((stack) => [
      stack.name,
      stack,
    ]),
  );
  const differs = approved
    .filter(({ plan, stored }) => {
      const current = sourceStacks.get(plan.stack);
      return !(stored.destroy || stored.forget ? current === undefined : current?.hash === plan.specHash);
    })
    .map(({ plan }) => plan);
  if (differs.length > 0) {
    return notApplied(
      {
        kind: 'content-differs',
        stacks: differs.map((plan) => plan.stack),
        sourceSha: payload.sourceSha,
        headSha: payload.headSha,
      },
      'refused: content differs from approved plan',
    );
  }

  // 3. Stack by stack.
  if (payload.nodeId) await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'applying' });
  const applied: string[] = [];
  for (const plan of plans) {
    const specs = source.validation.specs.filter((spec) => stackNameFor(spec, settings.identityLayout) === plan.stack);
    const outcome = await withRunLock(
      services,
      { repo, stack: plan.stack, holder: job.id, waitMs: 30 * 60_000, signal },
      () =>
        applyStack(services, {
          payload,
          config,
          settings,
          plan,
          specs,
          allSpecs: source.validation.specs,
          newGroups,
          imports,
          signal,
        }),
    );
    const result: ApplyStackResult = outcome.ran
      ? outcome.value
      : { ok: false, kind: 'not-applied', error: runLockBusy(plan.stack, outcome.heldBy) };
    const left = plans.slice(plans.indexOf(plan)).map((p) => p.stack);
    if (!result.ok && result.kind === 'not-applied') {
      return reportNotApplied(services, octokit, {
        payload,
        config,
        stacks: left,
        appliedBefore: applied,
        reason: { kind: 'stack-not-applied', stack: plan.stack, stacksAfter: left.length > 1, error: result.error },
        outcome: 'refused: fresh plan failed or drifted',
      });
    }
    if (!result.ok) {
      await report({
        kind: 'failed',
        repo,
        pr: payload.pr,
        stack: plan.stack,
        appliedBefore: applied,
        error: result.error,
      });
      await audit('apply', 'failed', plan.stack);
      if (payload.mode === 'merge') {
        // The default branch holds these stacks' change; the cloud (maybe partly) does not.
        await services.store.recordUnappliedMerge({
          repo,
          pr: payload.pr,
          sha: payload.sourceSha,
          reason: applyFailedReason(plan.stack),
          recordedAt: now(),
          stacks: left,
        });
        if (payload.nodeId)
          await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'notApplied' });
      }
      return `apply of ${plan.stack} failed`;
    }
    // What earlier merges left unapplied in this stack is in the cloud now.
    await services.store.clearUnappliedMerges({ repo, stacks: [plan.stack] });
    applied.push(plan.stack);
    await audit('apply', result.noChanges ? 'no changes' : 'applied', plan.stack);
    if (!result.noChanges)
      await welcomeNewUsers(services, { repo, pr: payload.pr, config, plan, specs: source.validation.specs });
  }

  // 4. Done.
  if (payload.mode === 'merge') await services.store.releaseLocks({ repo, pr: payload.pr });
  if (payload.nodeId && payload.mode === 'merge')
    await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'done' });
  await report({
    kind: 'applied',
    repo,
    pr: payload.pr,
    sourceSha: payload.sourceSha,
    stacks: applied,
    approvers: state.approvers.map((approver) => approver.name),
  });
  return `applied ${applied.length} stack(s)`;
}

const channelOf = (config: RepoConfig) =>
  config.approvals.slackChannel ? { channel: config.approvals.slackChannel } : {};
