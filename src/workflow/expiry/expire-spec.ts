import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { synthSettingsFrom } from '../../config/synth-settings.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { IntentSpec } from '../../specs/model.js';
import type { Deadline, Job } from '../../store/store.js';
import { emptyStackFor, synthesize } from '../../synth/synthesize.js';
import { PermanentJobError, RetryLaterError, TerraformRunError } from '../../jobs/errors.js';
import { withRunLock } from '../apply/run-lock.js';
import { defaultBranchHead } from '../default-branch.js';
import { fullName } from '../job-kinds.js';
import type { DeadlinePayload } from '../job-kinds.js';
import { loadSpecsAt } from '../load-specs-at.js';
import { RepoConfigError } from '../repo-config-error.js';
import { emailOf, notifySlack } from '../notify.js';
import type { Deps } from '../services.js';
import { describeRemoval, renderExpiryNotice } from './render-expiry-notices.js';
import type { RunSetupDeps } from '../terraform-run-env.js';
import type { NotifyDeps } from '../notify.js';
import type { RunLockDeps } from '../apply/run-lock.js';

type DestroyDeps = Deps<'dataDir' | 'runner'> & RunSetupDeps;

/** What an expiry reaches: GitHub (the default branch), terraform, the stack's run lock, Slack, the store. */
export type ExpireDeps = Deps<
  'github' | 'installationId' | 'clock',
  'getDeadline' | 'scheduleDeadline' | 'completeDeadline' | 'audit'
> &
  DestroyDeps &
  RunLockDeps &
  NotifyDeps;
import { terraformRunSetup } from '../terraform-run-env.js';
import { removeExpiredSpec } from './remove-expired-spec.js';
import { currentStackOf, scheduleDeadlines } from './deadlines.js';
import { kindRegistry } from '../../kinds/index.js';

/**
 * A deadline is due:
 *  1. read the default branch (its config and specs);
 *  2. under the stack's run lock (never during an apply of the same stack): destroy the stack, or for an identity
 *     spec apply the identity stack without it; a stack already gone plans no changes (idempotent);
 *  3. remove the spec from the default branch (a PR infra-bot merges once its checks pass, or a direct commit), so
 *     nothing re-creates it;
 *  4. complete the deadline, audit, notify the channel and the owner.
 * Failures throw: the job is retried with backoff, the sweeper re-queues a still-scheduled deadline every slot, and
 * the reporter announces a destroy that keeps failing once a day (report-expiry-problem.ts). A config problem
 * (specs that do not validate, a dependent spec) is a PermanentJobError: not retried within the slot.
 */
export async function expireSpec(
  services: ExpireDeps,
  job: Job<DeadlinePayload>,
  signal: AbortSignal,
): Promise<string> {
  const { repo, specKey } = job.payload;
  const recorded = await services.store.getDeadline(repo, specKey);
  if (!recorded || recorded.status !== 'scheduled') return 'deadline no longer scheduled';
  const [owner = '', name = ''] = repo.split('/');
  const target = { owner, repo: name };
  const installationId = await services.installationId(owner, name);
  const octokit = await services.github(installationId);
  const defaultSha = await defaultBranchHead(octokit, target);
  const { config, configProblems, validation } = await loadSpecsAt(
    octokit,
    target,
    defaultSha.sha,
    services.clock.now(),
  );
  // Never destroy with default settings (state, roles) in place of a broken config: fail, the job is retried.
  if (configProblems.length > 0) throw new RepoConfigError(defaultSha.sha, configProblems);
  // Where the spec lives now: a layout change moves identity specs out of the stack their deadline recorded.
  const deadline = { ...recorded, stack: currentStackOf(recorded, config.identity.stackLayout) };
  const spec = validation.specs.find((candidate) => `${candidate.kind}/${candidate.metadata.name}` === specKey);
  // An extension merged since the deadline was set (`/infra extend` writes expiresAt) moves it instead.
  const extendedTo = spec?.metadata.expiresAt ? new Date(spec.metadata.expiresAt) : undefined;
  if (extendedTo && extendedTo.getTime() > deadline.dueAt.getTime()) {
    await scheduleDeadlines(
      services,
      repo,
      deadline.stack,
      [spec as IntentSpec],
      new Map([[specKey, extendedTo]]),
      services.clock.now(),
    );
    await services.store.audit({
      at: services.clock.now(),
      actor: 'infra-bot (expiry)',
      action: 'expire',
      repo,
      stack: deadline.stack,
      outcome: `postponed to ${extendedTo.toISOString()} (extended on the default branch)`,
    });
    return `postponed ${specKey}`;
  }

  const outcome = await withRunLock(
    services,
    { repo, stack: deadline.stack, holder: job.id, waitMs: 30 * 60_000, signal },
    () =>
      destroyOrShrink(services, {
        deadline,
        config,
        specs: validation.specs,
        valid: validation.ok,
        target,
        installationId,
        sha: defaultSha.sha,
        signal,
      }),
  );
  if (!outcome.ran)
    throw new RetryLaterError(
      `the stack ${deadline.stack} is busy (job ${outcome.heldBy}); the destroy will be tried again`,
    );
  if (!outcome.value.ok) {
    const failed = outcome.value;
    if (failed.phase) throw new TerraformRunError(failed.phase, failed.error, failed.timedOut);
    throw new PermanentJobError(failed.error, { category: 'config' });
  }

  const removal = await removeExpiredSpec(services, octokit, {
    target,
    defaultBranch: defaultSha.branch,
    headSha: defaultSha.sha,
    spec,
    specKey,
    config,
  });
  await services.store.completeDeadline(deadline.id, 'destroyed');
  await services.store.audit({
    at: services.clock.now(),
    actor: 'infra-bot (expiry)',
    action: 'expire',
    repo,
    stack: deadline.stack,
    sha: defaultSha.sha,
    outcome: `destroyed; spec ${describeRemoval(removal)}`,
    detail: { specKey, dueAt: deadline.dueAt.toISOString() },
  });
  await notifySlack(services, {
    ...(config.approvals.slackChannel && { channel: config.approvals.slackChannel }),
    ...(emailOf(deadline.owner) && { ownerEmail: emailOf(deadline.owner) }),
    text: renderExpiryNotice({ kind: 'expired', specKey, repo, dueAt: deadline.dueAt, stack: deadline.stack, removal }),
  });
  return `expired ${specKey}`;
}

async function destroyOrShrink(
  services: DestroyDeps,
  input: {
    deadline: Deadline;
    config: RepoConfig;
    specs: IntentSpec[];
    valid: boolean;
    target: { owner: string; repo: string };
    installationId: number;
    sha: string;
    signal: AbortSignal;
  },
): Promise<{ ok: true } | { ok: false; error: string; phase?: string; timedOut?: boolean }> {
  const { deadline, config, target } = input;
  const repo = fullName(target);
  const settings = synthSettingsFrom(config, { repository: repo, localStateDir: `${services.dataDir}/state` });
  const applied = join(services.dataDir, 'applied', target.owner, target.repo, deadline.stack, 'cdk.tf.json');
  let json: string;
  let destroy = true;
  // A group cannot go while users or roles still refer to it, whichever stack it lives in.
  const remaining = input.specs.filter((spec) => `${spec.kind}/${spec.metadata.name}` !== deadline.specKey);
  const dependents = remaining.filter(
    (spec) =>
      (spec.kind === 'OktaUser' && spec.spec.groups.some((group) => `OktaGroup/${group}` === deadline.specKey)) ||
      (spec.kind === 'IamSsoRole' && `OktaGroup/${spec.spec.oktaGroup}` === deadline.specKey),
  );
  if (input.valid && dependents.length > 0) {
    return {
      ok: false,
      error: `${deadline.specKey} cannot expire while ${dependents.map((s) => `${s.kind}/${s.metadata.name}`).join(', ')} refer to it`,
    };
  }
  const parsed = kindRegistry.parseStackName(deadline.stack);
  if (parsed.ok && 'shared' in parsed.owner) {
    // A shared stack (identity, sso) lives on without the expired spec.
    if (!input.valid)
      return {
        ok: false,
        error: `the default branch specs do not validate; the ${deadline.stack} stack cannot be rebuilt`,
      };
    const stack =
      synthesize(remaining, { settings, stacks: [deadline.stack] })[0] ??
      emptyStackFor(deadline.stack, settings, config.defaults.region);
    json = stack.json;
    destroy = false;
  } else {
    // What was last applied is what gets destroyed, whatever the branch says by now.
    json = await readFile(applied, 'utf8').catch(
      () => emptyStackFor(deadline.stack, settings, config.defaults.region).json,
    );
  }
  const workDir = join(services.dataDir, 'work', target.owner, target.repo, 'expiry', deadline.id, deadline.stack);
  await mkdir(workDir, { recursive: true });
  await writeFile(join(workDir, 'cdk.tf.json'), json);
  const setup = await terraformRunSetup(services, config, {
    stack: deadline.stack,
    purpose: 'apply',
    sessionName: `infra-bot-expire-${target.repo}`,
  });
  const runner = services.runner(config.terraform, { ...target, installationId: input.installationId, sha: input.sha });
  const request = {
    workDir,
    stack: deadline.stack,
    timeoutMs: setup.timeoutMs,
    extraEnv: setup.extraEnv,
    secrets: setup.secrets,
    signal: input.signal,
    ...(setup.credentials && { credentials: setup.credentials }),
  };
  const plan = await runner.plan({ ...request, ...(destroy && { destroy: true }) });
  if (!plan.ok)
    return {
      ok: false,
      error: plan.error || `terraform ${plan.phase} failed`,
      phase: plan.phase,
      timedOut: plan.timedOut,
    };
  if (plan.hasChanges) {
    const result = await runner.apply({ ...request, planFile: plan.planFile });
    if (!result.ok) {
      const error = result.error || `terraform ${result.phase} failed`;
      return { ok: false, error, phase: result.phase, timedOut: result.timedOut };
    }
  }
  if (destroy) await writeFile(applied, json).catch(() => undefined);
  return { ok: true };
}
