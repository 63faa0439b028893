import { priorStateObjects, type StateObject } from '../plan/prior-state.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { StackPlanResult } from '../plan/render-stack-section.js';
import { refreshesOnPrPlan } from '../plan/runner-refresh.js';
import { summarizePlan, type PlanSummary } from '../plan/summarize-plan.js';
import { parsePlanJson } from '../plan/terraform-json.js';
import { planPermissionFacts, type PlanPermissionFacts } from '../review/plan-policies.js';
import type { SynthesizedStack } from '../synth/synthesize.js';
import { fullName } from './job-kinds.js';
import type { Deps } from './services.js';
import { terraformRunSetup, type RunSetupDeps } from './terraform-run-env.js';

export type PlanStackDeps = Deps<'clock' | 'dataDir' | 'runner', 'savePlan'> & RunSetupDeps;

export interface PlanStackInput {
  config: RepoConfig;
  target: { installationId: number; owner: string; repo: string };
  pr: number;
  headSha: string;
  stack: SynthesizedStack;
  /** Plan the destruction of everything the stack's state holds. */
  destroy?: boolean;
  /** Addresses whose user data the plan may show (review/user-data-shown-for.ts); all others hide it. */
  userDataShownFor?: ReadonlySet<string>;
  signal?: AbortSignal;
  /** Return the objects the plan started from (`prior_state`): a layout migration imports them elsewhere. */
  readPriorState?: boolean;
  /** A reason to refuse a plan that succeeded (it is stored as failed, so nothing can apply it). */
  refuseIf?: (summary: PlanSummary) => string | undefined;
}

export interface PlannedStack extends StackPlanResult {
  planId: string;
  /** With `readPriorState`: the objects in the stack's state before the plan. */
  priorObjects?: StateObject[];
  /** Policies, attachments and public access in the raw plan, for the intent summary (review/plan-policies.ts). */
  permissions?: PlanPermissionFacts;
}

/** Working directory of one stack at one head SHA: cdk.tf.json, .terraform/ and the saved plan live there. */
export const stackWorkDir = (
  dataDir: string,
  target: { owner: string; repo: string },
  pr: number,
  headSha: string,
  stack: string,
) => join(dataDir, 'work', target.owner, target.repo, `pr-${pr}`, headSha.slice(0, 12), stack);

/**
 * The plan comment's line for a stack planned without refresh: what was not read, and why that is safe.
 * Stacks that refresh get no line (their drift, if any, is in the plan itself).
 */
export function refreshSkippedNote(setting: string, stateResources: number | undefined): string {
  const what =
    stateResources === undefined
      ? 'the resources in state were'
      : `the ${stateResources.toLocaleString('en-US')} resource${stateResources === 1 ? '' : 's'} in state ${stateResources === 1 ? 'was' : 'were'}`;
  return (
    `Refresh skipped (terraform.refreshOnPrPlan: ${setting}): ${what} not read from the provider, so drift is not ` +
    'shown here. The apply plans again with refresh and stops if its change set differs from this plan.'
  );
}

/** Writes the stack, runs terraform plan + show, and stores the plan bound to (PR, head SHA, stack, content hash). */
export async function planStack(services: PlanStackDeps, input: PlanStackInput): Promise<PlannedStack> {
  const { config, target, pr, headSha, stack } = input;
  const refresh = refreshesOnPrPlan(config.terraform.refreshOnPrPlan, stack.name);
  const workDir = stackWorkDir(services.dataDir, target, pr, headSha, stack.name);
  await mkdir(workDir, { recursive: true });
  await writeFile(join(workDir, 'cdk.tf.json'), stack.json);
  const setup = await terraformRunSetup(services, config, {
    stack: stack.name,
    purpose: 'plan',
    sessionName: `infra-bot-plan-${target.repo}-${pr}`,
  });
  const result = await services.runner(config.terraform, { ...target, sha: headSha }).plan({
    workDir,
    stack: stack.name,
    timeoutMs: setup.timeoutMs,
    extraEnv: setup.extraEnv,
    secrets: setup.secrets,
    ...(setup.credentials && { credentials: setup.credentials }),
    ...(input.destroy && { destroy: true }),
    ...(!refresh && { refresh: false }),
    ...(input.signal && { signal: input.signal }),
  });
  const base = {
    repo: fullName(target),
    pr,
    headSha,
    stack: stack.name,
    specHash: stack.hash,
    createdAt: services.clock.now(),
  };
  if (!result.ok) {
    const error = result.timedOut
      ? `terraform ${result.phase} did not finish within ${config.terraform.timeout} and was stopped.\n\n${result.error}`
      : result.error || `terraform ${result.phase} failed (exit code ${result.exitCode ?? 'none'})`;
    const planId = await services.store.savePlan({ ...base, status: 'failed', summaryJson: JSON.stringify({ error }) });
    return { stack: stack.name, outcome: 'failed', error, planId };
  }
  const parsed = parsePlanJson(result.planJson);
  if (!parsed.ok) {
    const error = `terraform show -json returned a plan infra-bot cannot read: ${parsed.error}`;
    const planId = await services.store.savePlan({ ...base, status: 'failed', summaryJson: JSON.stringify({ error }) });
    return { stack: stack.name, outcome: 'failed', error, planId };
  }
  const summary = summarizePlan(parsed.plan, {
    secrets: setup.secrets,
    ...(input.userDataShownFor && { userDataShownFor: input.userDataShownFor }),
  });
  const refused = input.refuseIf?.(summary);
  if (refused !== undefined) {
    const planId = await services.store.savePlan({
      ...base,
      status: 'failed',
      summaryJson: JSON.stringify({ error: refused }),
    });
    return { stack: stack.name, outcome: 'failed', error: refused, planId };
  }
  const status = summary.noChanges ? 'no-changes' : 'planned';
  const planId = await services.store.savePlan({
    ...base,
    status,
    summaryJson: JSON.stringify({
      summary,
      destroy: input.destroy ?? false,
      refreshed: refresh,
      ...(result.stateResources !== undefined && { stateResources: result.stateResources }),
      // The apply synthesises with the same groups read during apply and imports, so its JSON is the one approved.
      ...(stack.readDuringApply && { readDuringApply: stack.readDuringApply }),
      ...(stack.imports && { imports: stack.imports }),
      ...(stack.forgets !== undefined && { forget: true }),
    }),
    planFile: result.planFile,
  });
  return {
    stack: stack.name,
    outcome: status,
    summary,
    planId,
    permissions: planPermissionFacts(parsed.plan),
    ...(input.readPriorState && { priorObjects: priorStateObjects(JSON.parse(result.planJson)) }),
    ...(!refresh && { note: refreshSkippedNote(config.terraform.refreshOnPrPlan, result.stateResources) }),
  };
}
