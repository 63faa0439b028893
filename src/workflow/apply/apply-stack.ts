import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { synthSettingsFrom } from '../../config/synth-settings.js';
import { summarizePlan } from '../../plan/summarize-plan.js';
import type { PlanSummary } from '../../plan/summarize-plan.js';
import { parsePlanJson } from '../../plan/terraform-json.js';
import type { IntentSpec } from '../../specs/model.js';
import type { PlanRecord } from '../../store/store.js';
import { synthesize } from '../../synth/synthesize.js';
import { expiriesForApply, knownExpiries, scheduleDeadlines } from '../expiry/deadlines.js';
import { fullName } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import { stackWorkDir } from '../plan-stack.js';
import type { Deps } from '../services.js';
import { terraformRunSetup, type RunSetupDeps } from '../terraform-run-env.js';

export type ApplyStackDeps = Deps<
  'clock' | 'dataDir' | 'runner',
  'listDeadlines' | 'cancelDeadline' | 'getDeadline' | 'scheduleDeadline'
> &
  RunSetupDeps;

export interface StoredSummary {
  summary?: PlanSummary;
  destroy?: boolean;
  /** Groups whose ids the stack reads during apply (SynthesizedStack.readDuringApply). */
  readDuringApply?: string[];
  /** Address → id of the objects the stack imports (a layout migration). */
  imports?: Record<string, string>;
  /** The stack forgets its state's objects (the end of a layout migration): apply what was approved, as is. */
  forget?: boolean;
}

/**
 * `not-applied`: stopped before terraform apply started (the fresh plan failed, or drifted from the approved change
 * set), so nothing was applied to the stack; `failed`: terraform apply itself failed (the stack may be partly applied).
 */
export type ApplyStackResult =
  { ok: true; noChanges: boolean } | { ok: false; kind: 'not-applied' | 'failed'; error: string };

/** One approved stack: plan again with the apply role, check the change set is the approved one, apply that plan. */
export async function applyStack(
  services: ApplyStackDeps,
  input: {
    payload: ApplyPullRequestPayload;
    config: RepoConfig;
    settings: ReturnType<typeof synthSettingsFrom>;
    plan: PlanRecord;
    /** The stack's own specs. */
    specs: IntentSpec[];
    /** Every spec of the source: a stack of the per-spec layout reads other specs' stacks (its groups). */
    allSpecs: readonly IntentSpec[];
    /** As planned: the groups read during apply (readDuringApplyOf the approved plans). */
    newGroups: ReadonlySet<string>;
    /** As planned: the objects imported (importsOf the approved plans). */
    imports: ReadonlyMap<string, string>;
    signal: AbortSignal;
  },
): Promise<ApplyStackResult> {
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
  const json =
    stored.destroy || stored.forget
      ? await readFile(join(approvedDir, 'cdk.tf.json'), 'utf8')
      : synthesize(input.allSpecs, {
          settings: input.settings,
          expiries,
          newGroups: input.newGroups,
          imports: input.imports,
          stacks: [plan.stack],
        })[0]?.json;
  if (json === undefined) return { ok: false, kind: 'not-applied', error: `nothing synthesised for ${plan.stack}` };
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
  if (!fresh.ok) return { ok: false, kind: 'not-applied', error: fresh.error || `terraform ${fresh.phase} failed` };
  const parsed = parsePlanJson(fresh.planJson);
  if (!parsed.ok) return { ok: false, kind: 'not-applied', error: `unreadable plan: ${parsed.error}` };
  const current = summarizePlan(parsed.plan, { secrets: setup.secrets });
  if (changeSet(current) !== changeSet(stored.summary)) {
    return {
      ok: false,
      kind: 'not-applied',
      error: `The plan changed since it was approved (drift or a change outside this PR):\napproved: ${changeSet(stored.summary) || 'nothing'}\nnow:      ${changeSet(current) || 'nothing'}\nNothing was applied to this stack.`,
    };
  }
  if (current.noChanges) {
    // Nothing to change (e.g. an identity spec whose expiresAt moved): its deadline still follows the spec.
    await scheduleDeadlines(services, repo, plan.stack, specs, dueAt, now);
    return { ok: true, noChanges: true };
  }
  const result = await runner.apply({ ...request, planFile: fresh.planFile });
  if (!result.ok) return { ok: false, kind: 'failed', error: result.error || `terraform ${result.phase} failed` };
  await scheduleDeadlines(services, repo, plan.stack, specs, dueAt, now);
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
