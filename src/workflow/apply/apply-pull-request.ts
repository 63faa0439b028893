import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reply } from '../../github/comments.js';
import { synthSettingsFrom } from '../../config/synth-settings.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { summarizePlan } from '../../plan/summarize-plan.js';
import type { PlanSummary } from '../../plan/summarize-plan.js';
import { parsePlanJson } from '../../plan/terraform-json.js';
import { approvalState } from '../../slack/approval-rules.js';
import { formatDiagnostic } from '../../specs/diagnostic.js';
import type { IntentSpec } from '../../specs/model.js';
import type { Job, PlanRecord } from '../../store/store.js';
import { synthesize } from '../../synth/synthesize.js';
import { stackNameFor } from '../../synth/stacks.js';
import { stackOrder } from '../affected-stacks.js';
import { expiriesForApply, knownExpiries, scheduleDeadlines } from '../expiry/deadlines.js';
import { fullName } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import { loadSpecsAt } from '../load-specs-at.js';
import { notifySlack } from '../notify.js';
import { welcomeNewUsers } from '../self-service/welcome-new-users.js';
import { stackWorkDir } from '../plan-stack.js';
import { enqueueCardMove } from '../project-board.js';
import type { Services } from '../services.js';
import { terraformRunSetup } from '../terraform-run-env.js';
import { withRunLock } from './run-lock.js';

interface StoredSummary {
  summary?: PlanSummary;
  destroy?: boolean;
}

/**
 * Apply after merge (or `/infra apply` before it, where allowed). Nothing is applied that was not planned and
 * approved for the exact head SHA and the exact synthesised content:
 *  1. the PR's plans with changes at the approved head, and enough approvals for that head;
 *  2. the source commit (merge commit, or head) re-synthesised: each stack must hash to what was planned;
 *  3. stack by stack, identity first, under the stack's run lock: plan again with the apply role, check the
 *     change set is the approved one (else drift: stop), apply that saved plan, schedule its expiries;
 *  4. the outcome on the PR and in Slack, the card to done, locks released. A failure stops the run, keeps the
 *     locks with their owner and is never retried automatically (a partial apply needs a person).
 */
export async function applyPullRequest(
  services: Services,
  job: Job<ApplyPullRequestPayload>,
  signal: AbortSignal,
): Promise<string> {
  const payload = job.payload;
  const repo = fullName(payload);
  const target = { owner: payload.owner, repo: payload.repo };
  const octokit = await services.github(payload.installationId);
  const say = (body: string) => reply(octokit, { ...target, issue_number: payload.pr, body });
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
  const plans = (await services.store.latestPlans({ repo, pr: payload.pr, headSha: payload.headSha }))
    .filter((plan) => plan.status === 'planned')
    .filter((plan) => !payload.onlyStacks?.length || payload.onlyStacks.includes(plan.stack))
    .sort((a, b) => stackOrder(a.stack) - stackOrder(b.stack) || (a.stack < b.stack ? -1 : 1));
  const source = await loadSpecsAt(octokit, target, payload.sourceSha, now());
  const config = source.config;
  const finishWithoutApplying = async (why: string, outcome: string) => {
    await say(why);
    await notifySlack(services, { ...channelOf(config), text: `${repo}#${payload.pr}: ${why}` });
    await audit('apply', outcome);
    if (payload.mode === 'merge') await services.store.releaseLocks({ repo, pr: payload.pr });
    return outcome;
  };
  if (plans.length === 0) {
    if (payload.mode === 'merge') {
      await services.store.releaseLocks({ repo, pr: payload.pr });
      if (payload.nodeId) await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'done' });
    }
    await audit('apply', 'nothing to apply');
    return 'nothing to apply';
  }
  const decisions = await services.store.listDecisions({ repo, pr: payload.pr, headSha: payload.headSha });
  const state = approvalState(decisions, config.approvals.required);
  if (state.state !== 'approved') {
    const why =
      state.state === 'rejected'
        ? `⛔ Not applied: the plan for ${short(payload.headSha)} was rejected by ${state.rejectedBy?.name ?? 'an approver'}.`
        : `⛔ Not applied: the plan for ${short(payload.headSha)} has ${state.approvers.length} of ${state.required} required approvals. Nothing is applied without approval; open a new PR (or comment \`/infra plan\` on an open one) to plan these changes again.`;
    return finishWithoutApplying(why, `refused: ${state.state}`);
  }

  // 2. The source must synthesise to exactly what was planned and approved.
  if (!source.validation.ok) {
    const problems = source.validation.diagnostics.slice(0, 20).map(formatDiagnostic).join('\n');
    await say(
      `⛔ Not applied: the specs at ${short(payload.sourceSha)} do not validate. Locks stay with this PR.\n\n\`\`\`\n${problems}\n\`\`\``,
    );
    await audit('apply', 'refused: invalid source');
    return 'refused: invalid source';
  }
  const settings = synthSettingsFrom(config, { repository: repo, localStateDir: `${services.dataDir}/state` });
  const known = await knownExpiries(services, repo);
  const sourceStacks = new Map(
    synthesize(source.validation.specs, { settings, expiries: known }).map((stack) => [stack.name, stack]),
  );
  for (const plan of plans) {
    const stored = JSON.parse(plan.summaryJson) as StoredSummary;
    const current = sourceStacks.get(plan.stack);
    const matches = stored.destroy ? current === undefined : current?.hash === plan.specHash;
    if (!matches) {
      const why = `⛔ Not applied: \`${plan.stack}\` at ${short(payload.sourceSha)} is not the Terraform that was approved at ${short(payload.headSha)} (the base branch changed it too). Locks stay with this PR; open a new PR to plan the combined change.`;
      await say(why);
      await audit('apply', 'refused: content differs from approved plan', plan.stack);
      return 'refused: content differs';
    }
  }

  // 3. Stack by stack.
  if (payload.nodeId) await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'applying' });
  const applied: string[] = [];
  for (const plan of plans) {
    const specs = source.validation.specs.filter((spec) => stackNameFor(spec) === plan.stack);
    const outcome = await withRunLock(
      services,
      { repo, stack: plan.stack, holder: job.id, waitMs: 30 * 60_000, signal },
      () => applyStack(services, { payload, config, settings, plan, specs, signal }),
    );
    const result = outcome.ran
      ? outcome.value
      : {
          ok: false as const,
          error: `another run of \`${plan.stack}\` (job ${outcome.heldBy}) did not finish in time`,
        };
    if (!result.ok) {
      const done = applied.length ? ` Applied before it: ${applied.map((s) => `\`${s}\``).join(', ')}.` : '';
      const why = `❌ Apply of \`${plan.stack}\` failed.${done} Locks stay with this PR; nothing is retried automatically. Fix the cause, then comment \`/infra plan\` and apply again.\n\n\`\`\`text\n${result.error}\n\`\`\``;
      await say(why);
      await notifySlack(services, {
        ...channelOf(config),
        text: `❌ ${repo}#${payload.pr}: apply of ${plan.stack} failed. See the PR.`,
      });
      await audit('apply', 'failed', plan.stack);
      return `apply of ${plan.stack} failed`;
    }
    applied.push(plan.stack);
    await audit('apply', result.noChanges ? 'no changes' : 'applied', plan.stack);
    if (!result.noChanges)
      await welcomeNewUsers(services, { repo, pr: payload.pr, config, plan, specs: source.validation.specs });
  }

  // 4. Done.
  if (payload.mode === 'merge') await services.store.releaseLocks({ repo, pr: payload.pr });
  if (payload.nodeId && payload.mode === 'merge')
    await enqueueCardMove(services, { ...payload, nodeId: payload.nodeId, column: 'done' });
  const list = applied.map((stack) => `\`${stack}\``).join(', ');
  await say(
    `✅ Applied ${list} from ${short(payload.sourceSha)} (approved by ${state.approvers.map((a) => a.name).join(', ')}).`,
  );
  await notifySlack(services, {
    ...channelOf(config),
    text: `✅ ${repo}#${payload.pr}: applied ${applied.join(', ')}.`,
  });
  return `applied ${applied.length} stack(s)`;
}

async function applyStack(
  services: Services,
  input: {
    payload: ApplyPullRequestPayload;
    config: RepoConfig;
    settings: ReturnType<typeof synthSettingsFrom>;
    plan: PlanRecord;
    specs: IntentSpec[];
    signal: AbortSignal;
  },
): Promise<{ ok: true; noChanges: boolean } | { ok: false; error: string }> {
  const { payload, config, plan, specs } = input;
  const repo = fullName(payload);
  const stored = JSON.parse(plan.summaryJson) as StoredSummary;
  const now = services.clock.now();
  const approvedDir = stackWorkDir(services.dataDir, payload, payload.pr, payload.headSha, plan.stack);
  const workDir = join(approvedDir, '..', `apply-${payload.sourceSha.slice(0, 12)}`, plan.stack);
  await mkdir(workDir, { recursive: true });
  // First applies fix the ttl deadlines; the ExpiresAt tags carry them (tags only: the change set is unchanged).
  const dueAt = await expiriesForApply(services, repo, specs, now);
  const expiries = new Map([...(await knownExpiries(services, repo))]);
  for (const [key, date] of dueAt) expiries.set(key, date.toISOString());
  const json = stored.destroy
    ? await readFile(join(approvedDir, 'cdk.tf.json'), 'utf8')
    : synthesize(specs, { settings: input.settings, expiries, stacks: [plan.stack] })[0]?.json;
  if (json === undefined) return { ok: false, error: `nothing synthesised for ${plan.stack}` };
  await writeFile(join(workDir, 'cdk.tf.json'), json);
  const setup = await terraformRunSetup(services, config, {
    stack: plan.stack,
    purpose: 'apply',
    sessionName: `infra-bot-apply-${payload.repo}-${payload.pr}`,
  });
  const runner = services.runner(config.terraform, { ...payload, sha: payload.sourceSha });
  const request = {
    workDir,
    stack: plan.stack,
    timeoutMs: setup.timeoutMs,
    extraEnv: setup.extraEnv,
    secrets: setup.secrets,
    signal: input.signal,
    ...(setup.credentials && { credentials: setup.credentials }),
  };
  const fresh = await runner.plan({ ...request, ...(stored.destroy && { destroy: true }) });
  if (!fresh.ok) return { ok: false, error: fresh.error || `terraform ${fresh.phase} failed` };
  const parsed = parsePlanJson(fresh.planJson);
  if (!parsed.ok) return { ok: false, error: `unreadable plan: ${parsed.error}` };
  const current = summarizePlan(parsed.plan, { secrets: setup.secrets });
  if (changeSet(current) !== changeSet(stored.summary)) {
    return {
      ok: false,
      error: `The plan changed since it was approved (drift or a change outside this PR):\napproved: ${changeSet(stored.summary) || 'nothing'}\nnow:      ${changeSet(current) || 'nothing'}\nNothing was applied to this stack.`,
    };
  }
  if (current.noChanges) {
    // Nothing to change (e.g. an identity spec whose expiresAt moved): its deadline still follows the spec.
    await scheduleDeadlines(services, repo, specs, dueAt, now);
    return { ok: true, noChanges: true };
  }
  const result = await runner.apply({ ...request, planFile: fresh.planFile });
  if (!result.ok) return { ok: false, error: result.error || `terraform ${result.phase} failed` };
  await scheduleDeadlines(services, repo, specs, dueAt, now);
  if (stored.destroy) {
    for (const deadline of await services.store.listDeadlines({ repo, status: 'scheduled' })) {
      if (deadline.stack === plan.stack) await services.store.cancelDeadline(repo, deadline.specKey);
    }
  }
  // The last applied configuration: what an expiry destroys with, whatever the repository holds by then.
  const keep = join(services.dataDir, 'applied', payload.owner, payload.repo, plan.stack);
  await mkdir(keep, { recursive: true });
  await writeFile(join(keep, 'cdk.tf.json'), json);
  return { ok: true, noChanges: false };
}

/** The approved change set: which resources get which action (values may differ only where unknown or tags). */
const changeSet = (summary: PlanSummary | undefined): string =>
  (summary?.changes ?? [])
    .map((change) => `${change.action} ${change.address}`)
    .sort()
    .join(', ');

const short = (sha: string) => sha.slice(0, 7);

const channelOf = (config: RepoConfig) =>
  config.approvals.slackChannel ? { channel: config.approvals.slackChannel } : {};
