import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { synthSettingsFrom } from '../../config/synth-settings.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { reply } from '../../github/comments.js';
import { createIssue, updateIssue } from '../../github/issues.js';
import type { GitHubClient } from '../../github/octokit.js';
import { renderPlanComment } from '../../plan/render-plan-comment.js';
import { summarizePlan } from '../../plan/summarize-plan.js';
import { userDataShownFor } from '../../review/user-data-shown-for.js';
import type { PlanSummary } from '../../plan/summarize-plan.js';
import { parsePlanJson } from '../../plan/terraform-json.js';
import type { Job } from '../../store/store.js';
import { synthesize } from '../../synth/synthesize.js';
import type { SynthesizedStack } from '../../synth/synthesize.js';
import { withRunLock } from '../apply/run-lock.js';
import { defaultBranchHead } from '../default-branch.js';
import { knownExpiries } from '../expiry/deadlines.js';
import { fullName } from '../job-kinds.js';
import type { DriftPayload } from '../job-kinds.js';
import { loadSpecsAt } from '../load-specs-at.js';
import { notifySlack } from '../notify.js';
import { enqueueCardMove } from '../project-board.js';
import type { Services } from '../services.js';
import { terraformRunSetup } from '../terraform-run-env.js';
import { PERIOD_MS } from './drift-schedule.js';
import {
  driftIssueFooter,
  driftResolvedComment,
  driftTruncationHint,
  renderDriftCheckFailed,
  renderDriftFound,
} from './render-drift-notices.js';

export const DRIFT_LABEL = 'infra-bot:drift';
export const driftTitle = (stack: string) => `Drift in ${stack}`;
const issuePurpose = (stack: string) => `drift:${stack}`;
const FAILING = 'drift:failing';

type StackOutcome =
  | { stack: string; drift: true; summary: PlanSummary }
  | { stack: string; drift: false }
  | { stack: string; error: string };

/**
 * Drift detection for one repository (serialised per repo, so overlapping runs cannot both act):
 *  1. skip unless `drift.schedule` says a run is due this period (or `/infra plan` forced it);
 *  2. plan every stack of the default branch, read-only, under each stack's run lock;
 *  3. drift → one issue per stack, opened once and updated in place after, on the board, with a Slack notice when
 *     it opens; a clean stack closes its issue;
 *  4. a run that fails (credentials, rate limits) is reported once per failing streak and tried next period.
 */
export async function checkDrift(services: Services, job: Job<DriftPayload>, signal: AbortSignal): Promise<string> {
  const payload = job.payload;
  const repo = fullName(payload);
  const octokit = await services.github(payload.installationId);
  const { sha: head } = await defaultBranchHead(octokit, payload);
  const { config, configProblems, validation } = await loadSpecsAt(octokit, payload, head, services.clock.now());
  const schedule = config.drift.schedule;
  if (schedule === 'off' && !payload.force) return 'drift detection is off';
  if (!payload.force && schedule !== 'off') {
    const period = Math.floor(services.clock.now().getTime() / PERIOD_MS[schedule]);
    const first = await services.store.recordDelivery({
      id: `drift-run:${repo}:${schedule}:${period}`,
      event: 'drift',
      repo,
      receivedAt: services.clock.now(),
    });
    if (!first) return 'already checked this period';
  }
  if (!validation.ok)
    return reportFailure(
      services,
      payload,
      config,
      configProblems.length
        ? `.github/infra.yml on the default branch is invalid (${configProblems.map((d) => `line ${d.line}: ${d.message}`).join('; ')})`
        : 'the specs on the default branch do not validate',
    );
  const settings = synthSettingsFrom(config, { repository: repo, localStateDir: `${services.dataDir}/state` });
  const stacks = synthesize(validation.specs, { settings, expiries: await knownExpiries(services, repo) }).filter(
    (stack) => !payload.onlyStack || stack.name === payload.onlyStack,
  );
  const outcomes: StackOutcome[] = [];
  for (const stack of stacks) {
    const locked = await withRunLock(
      services,
      { repo, stack: stack.name, holder: job.id, waitMs: 60_000, signal },
      () =>
        planForDrift(services, config, payload, head, stack, signal, userDataShownFor(validation.specs, stack.specs)),
    );
    outcomes.push(locked.ran ? locked.value : { stack: stack.name, error: `busy (job ${locked.heldBy})` });
  }
  const failed = outcomes.filter((outcome): outcome is { stack: string; error: string } => 'error' in outcome);
  for (const outcome of outcomes) {
    if ('error' in outcome) continue;
    if (outcome.drift)
      await openOrUpdateIssue(services, octokit, payload, config, head, outcome.stack, outcome.summary);
    else await closeIssue(services, octokit, payload, head, outcome.stack);
  }
  if (failed.length > 0) {
    return reportFailure(
      services,
      payload,
      config,
      failed.map((f) => `${f.stack}: ${f.error.split('\n')[0]}`).join('; '),
    );
  }
  await services.store.saveCommentIds({ repo, issue: 0, purpose: FAILING, ids: [] });
  const drifted = outcomes.filter((outcome) => 'drift' in outcome && outcome.drift).length;
  await services.store.audit({
    at: services.clock.now(),
    actor: 'infra-bot (drift)',
    action: 'drift-check',
    repo,
    sha: head,
    outcome: `${drifted} of ${stacks.length} stacks drifted`,
  });
  return `${drifted} of ${stacks.length} stacks drifted`;
}

async function planForDrift(
  services: Services,
  config: RepoConfig,
  target: DriftPayload,
  sha: string,
  stack: SynthesizedStack,
  signal: AbortSignal,
  shownFor: ReadonlySet<string>,
): Promise<StackOutcome> {
  const workDir = join(services.dataDir, 'work', target.owner, target.repo, 'drift', stack.name);
  await mkdir(workDir, { recursive: true });
  await writeFile(join(workDir, 'cdk.tf.json'), stack.json);
  const setup = await terraformRunSetup(services, config, {
    stack: stack.name,
    purpose: 'plan',
    sessionName: `infra-bot-drift-${target.repo}`,
  });
  const result = await services.runner(config.terraform, { ...target, sha }).plan({
    workDir,
    stack: stack.name,
    timeoutMs: setup.timeoutMs,
    extraEnv: setup.extraEnv,
    secrets: setup.secrets,
    signal,
    ...(setup.credentials && { credentials: setup.credentials }),
  });
  if (!result.ok) return { stack: stack.name, error: result.error || `terraform ${result.phase} failed` };
  const parsed = parsePlanJson(result.planJson);
  if (!parsed.ok) return { stack: stack.name, error: parsed.error };
  const summary = summarizePlan(parsed.plan, { secrets: setup.secrets, userDataShownFor: shownFor });
  return summary.noChanges ? { stack: stack.name, drift: false } : { stack: stack.name, drift: true, summary };
}

async function openOrUpdateIssue(
  services: Services,
  octokit: GitHubClient,
  target: DriftPayload,
  config: RepoConfig,
  sha: string,
  stack: string,
  summary: PlanSummary,
): Promise<void> {
  const repo = fullName(target);
  const [part] = renderPlanComment({
    marker: 'infra-bot:drift',
    repo,
    pr: 0,
    headSha: sha,
    stacks: [{ stack, outcome: 'planned', summary }],
    secrets: services.secrets,
    // An issue body is one part: a drift larger than that says where the whole difference can be seen.
    maxParts: 1,
    maxLength: 60_000,
    truncationHint: driftTruncationHint(stack),
    footer: driftIssueFooter(sha),
  });
  const body = part ?? '';
  const known = (await services.store.getCommentIds({ repo, issue: 0, purpose: issuePurpose(stack) }))?.[0];
  if (known) {
    await updateIssue(octokit, { ...target, issue_number: known, body, state: 'open' });
    return;
  }
  const issue = await createIssue(octokit, { ...target, title: driftTitle(stack), body, labels: [DRIFT_LABEL] });
  await services.store.saveCommentIds({ repo, issue: 0, purpose: issuePurpose(stack), ids: [issue.number] });
  await enqueueCardMove(services, { ...target, pr: issue.number, nodeId: issue.nodeId, column: 'planned' });
  await notifySlack(services, {
    ...(config.approvals.slackChannel && { channel: config.approvals.slackChannel }),
    text: renderDriftFound({ repo, stack, changes: summary.changes.length, issueUrl: issue.htmlUrl }),
  });
}

async function closeIssue(
  services: Services,
  octokit: GitHubClient,
  target: DriftPayload,
  sha: string,
  stack: string,
): Promise<void> {
  const repo = fullName(target);
  const known = (await services.store.getCommentIds({ repo, issue: 0, purpose: issuePurpose(stack) }))?.[0];
  if (!known) return;
  await reply(octokit, {
    owner: target.owner,
    repo: target.repo,
    issue_number: known,
    body: driftResolvedComment(stack, sha),
  });
  await updateIssue(octokit, { owner: target.owner, repo: target.repo, issue_number: known, state: 'closed' });
  await services.store.saveCommentIds({ repo, issue: 0, purpose: issuePurpose(stack), ids: [] });
}

/** Once per failing streak: a log line and a Slack notice; the next period tries again. */
async function reportFailure(
  services: Services,
  target: DriftPayload,
  config: RepoConfig,
  why: string,
): Promise<string> {
  const repo = fullName(target);
  services.log.warn({ repo, why }, 'drift check failed');
  const already = (await services.store.getCommentIds({ repo, issue: 0, purpose: FAILING }))?.length;
  if (!already) {
    await notifySlack(services, {
      ...(config.approvals.slackChannel && { channel: config.approvals.slackChannel }),
      text: renderDriftCheckFailed(repo, why),
    });
    await services.store.saveCommentIds({ repo, issue: 0, purpose: FAILING, ids: [1] });
  }
  return `drift check failed: ${why}`;
}
