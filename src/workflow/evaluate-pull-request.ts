import type { Job } from '../store/store.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { RepoConfig } from '../config/repo-config-schema.js';
import { synthSettingsFrom } from '../config/synth-settings.js';
import { completeCheckRun, createCheckRun, diagnosticsToAnnotations } from '../github/check-runs.js';
import { listChangedFiles } from '../github/pr-files.js';
import { getPull } from '../github/pulls.js';
import { renderPlanOutputs } from '../plan/render-plan-outputs.js';
import type { StackPlanResult } from '../plan/render-stack-section.js';
import { validateSpecs } from '../specs/validate-specs.js';
import type { ValidationResult } from '../specs/validate-specs.js';
import { kindOf } from '../kinds/index.js';
import { emptyStackFor, forgetStackFor, stackNameFor, stacksToCompare, synthesize } from '../synth/synthesize.js';
import { IDENTITY_STACK } from '../kinds/stack-names.js';
import type { StateObject } from '../plan/prior-state.js';
import {
  destroysSomething,
  importsFromState,
  layoutChangeOf,
  migrationNote,
  resourceAddresses,
} from './layout-migration.js';
import type { SynthesizedStack } from '../synth/synthesize.js';
import { affectedStacks } from './affected-stacks.js';
import type { StackChange } from './affected-stacks.js';
import { fullName } from './job-kinds.js';
import type { EvaluatePullRequestPayload } from './job-kinds.js';
import { lockWakeJob } from './lock-wake-job.js';
import { touchesInfraFiles } from './infra-files.js';
import { planStack } from './plan-stack.js';
import { PLAN_CHECK, supersededByNewerPush } from './superseded-by-newer-push.js';
import { PLAN_COMMENT_ROOM, upsertPlanComment } from './plan-comment.js';

export { PLAN_CHECK } from './superseded-by-newer-push.js';
import { configDiagnostics, configOrDefaults, readRepositoryAt } from './read-repository-at.js';
import type { RepositoryAt } from './read-repository-at.js';
import { renderValidationComment } from './render-validation-comment.js';
import {
  baseConfigInvalid,
  PLAN_COMMENT_FOOTER,
  REMOVED_STACK_NOTE,
  renderPlanCheck,
  renderStackChanges,
  renderValidateCheck,
} from './render-evaluate-outcome.js';
import { includesBaseNote, mergeWithBase } from './merge-with-base.js';
import { reportMergeConflict } from './report-merge-conflict.js';
import { compareWithBase } from '../github/compare.js';
import { afterPlan } from './after-plan.js';
import { withUnappliedNotice, withUnappliedStacks } from './unapplied-notice.js';
import { knownExpiries } from './expiry/deadlines.js';
import { renderReview, reviewIntent } from './review-intent.js';
import type { IntentReview } from './review-intent.js';
import type { PlanPermissionFacts } from '../review/plan-policies.js';
import { userDataShownFor } from '../review/user-data-shown-for.js';
import type { PlanSummary } from '../plan/summarize-plan.js';
import type { IntentSpec } from '../specs/model.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import type { Deps } from './services.js';
import type { AfterPlanDeps } from './after-plan.js';
import type { PlanCommentDeps } from './plan-comment.js';
import type { PlanStackDeps, PlanStackInput } from './plan-stack.js';
import type { MergeConflictDeps } from './report-merge-conflict.js';

type LockAndPlanDeps = Deps<'clock', 'acquireLock'> & PlanStackDeps;

/** What an evaluation reaches: GitHub, the store parts below, and what the steps it calls reach. */
export type EvaluateDeps = Deps<
  'github' | 'clock' | 'dataDir' | 'secrets',
  | 'audit'
  | 'listUnappliedMerges'
  | 'markPlansSuperseded'
  | 'listDeadlines'
  | 'listJobs'
  | 'listLocks'
  | 'listLockWaiters'
  | 'releaseLocks'
  | 'forgetLockWaits'
> &
  LockAndPlanDeps &
  MergeConflictDeps &
  PlanCommentDeps &
  AfterPlanDeps;

export const VALIDATE_CHECK = 'infra-bot / validate';

/**
 * A PR touching the specs, from push to plan comment:
 *  1. read the repo config and skip PRs that touch neither the specs nor the config;
 *  2. merge the head's specs with the base's current ones (merge-with-base.ts: a PR behind its base never plans
 *     to undo what the base gained; a conflict fails the plan check, nothing is planned); validate that → the
 *     validate check, one annotation per problem (invalid intent stops here);
 *  3. synthesise base and head → the stacks whose Terraform changes; review the intent (access, cost, the
 *     Okta→SAML→IAM chain: a broken chain fails validation, nothing is planned);
 *  4. take each stack's lock (another PR's lock → "locked by #N");
 *  5. plan each locked stack and store the plan bound to (PR, head SHA, stack, content hash);
 *  6. unless a newer push is queued: ONE plan comment, edited in place, and the plan check (a cost rise over
 *     policy.maxMonthlyCostIncrease fails it);
 *  7. approvals of older heads go stale, approval is requested in Slack, the card moves to "planned".
 */
export async function evaluatePullRequest(
  services: EvaluateDeps,
  job: Job<EvaluatePullRequestPayload>,
  signal: AbortSignal,
): Promise<string> {
  const payload = job.payload;
  const target = { owner: payload.owner, repo: payload.repo };
  const octokit = await services.github(payload.installationId);

  // 1. Config from the base's CURRENT tip (policy changes take effect once merged; a queued job's base may be
  // old); skip PRs that touch no infra files. A base whose config is invalid is reported on every PR touching
  // YAML: its specs folder is unknown, nothing is guessed.
  const position = await compareWithBase(octokit, { ...target, baseRef: payload.baseRef, headSha: payload.headSha });
  const base = await readRepositoryAt(octokit, target, position.baseSha);
  const config = configOrDefaults(base);
  if (payload.trigger !== 'command') {
    const changed = await listChangedFiles(octokit, { ...target, pull_number: payload.pr });
    if (!touchesInfraFiles(changed, base.config.ok ? base.specsDir : undefined)) return 'no infra files changed';
  }

  // 2 + 3. Validate the head against the base's policy (a changed config is validated too: it applies after
  // merge), synthesise, and review the intent; a broken SSO chain counts as invalid.
  // What is planned is what the merge would hold: a PR behind its base keeps what the base gained since.
  const merge = await mergeWithBase(octokit, target, {
    base,
    head: await readRepositoryAt(octokit, target, payload.headSha, { specsDir: base.specsDir }),
    mergeBaseSha: position.mergeBaseSha,
  });
  if (!merge.ok) return reportMergeConflict(services, octokit, job, { conflicts: merge.conflicts, baseSha: base.sha });
  const head = merge.repository;
  const validation = validateHead(head, base, services.clock.now());
  const settings = synthSettingsFrom(config, {
    repository: fullName(target),
    localStateDir: `${services.dataDir}/state`,
  });
  // Deadlines already known go into the ExpiresAt tags, so plans never propose to drop them.
  const expiries = await knownExpiries(services, fullName(target));
  const baseSpecs = validation.ok ? validateBase(base, services) : undefined;
  // Groups this PR adds exist only once their stacks apply: the stacks reading their ids read them during apply.
  const newGroups = groupsAddedTo(validation.specs, baseSpecs);
  // Only stacks whose inputs differ are synthesised on either side (plus those the review and the command name).
  const compared = baseSpecs && [
    ...stacksToCompare(baseSpecs, validation.specs, { settings, expiries, newGroups }),
    ...alsoSynthesised(validation.specs, settings, payload.onlyStacks),
  ];
  const only = compared && { stacks: compared };
  const headStacks = validation.ok ? synthesize(validation.specs, { settings, expiries, newGroups, ...only }) : [];
  const baseStacks = baseSpecs && synthesizeBase(baseSpecs, settings, expiries, compared);
  const review = validation.ok
    ? await reviewIntent({
        base: baseStacks
          ? { specs: baseStacks.specs }
          : baseStacks === undefined && base.specFiles.length
            ? { invalid: true, problems: [] }
            : undefined,
        head: validation.specs,
        headStacks,
        config,
        now: services.clock.now(),
        expiries,
      })
    : undefined;
  const chainErrors = review ? chainDiagnostics(review) : [];
  const layout = layoutChangeOf(config, head.config.ok ? head.config.config : undefined, {
    base: baseSpecs,
    head: validation.specs,
  });
  const layoutErrors = layout.kind === 'refused' ? layout.diagnostics : [];
  const valid = validation.ok && chainErrors.length === 0 && layoutErrors.length === 0;
  const diagnostics = [...validation.diagnostics, ...chainErrors, ...layoutErrors];
  const validateCheck = await createCheckRun(octokit, {
    ...target,
    name: VALIDATE_CHECK,
    headSha: payload.headSha,
    status: 'in_progress',
  });
  await completeCheckRun(octokit, {
    ...target,
    checkRunId: validateCheck,
    ...renderValidateCheck({ ok: valid, specCount: validation.specs.length, diagnostics }),
    annotations: diagnosticsToAnnotations(diagnostics),
  });
  if (!valid || !review) {
    if (await supersededByNewerPush(services, job)) return 'superseded';
    await upsertPlanComment(services, octokit, target, payload.pr, [
      renderValidationComment({ headSha: payload.headSha, diagnostics }),
    ]);
    await services.store.audit({
      at: services.clock.now(),
      actor: payload.requestedBy ?? payload.author,
      action: 'validate',
      repo: fullName(target),
      pr: payload.pr,
      sha: payload.headSha,
      outcome: 'invalid',
      detail: { problems: diagnostics.length },
    });
    return 'invalid specs';
  }

  let changes = affectedStacks(baseStacks?.stacks, headStacks);
  const unapplied = await services.store.listUnappliedMerges({ repo: fullName(target) });
  if (payload.onlyStacks?.length) {
    changes = withUnappliedStacks(changes, payload.onlyStacks, unapplied, headStacks, baseStacks?.stacks);
    changes = changes.filter((change) => payload.onlyStacks?.includes(change.stack));
  }

  // 4 + 5. Lock, then plan, stack by stack (identity first).
  const pr = await getPull(octokit, { ...target, pull_number: payload.pr });
  if (pr.head.sha !== payload.headSha || pr.state !== 'open') return 'superseded: the PR moved on';
  const planCheck = await createCheckRun(octokit, {
    ...target,
    name: PLAN_CHECK,
    headSha: payload.headSha,
    status: 'in_progress',
  });
  let results: StackPlanResult[] = [];
  const permissions = new Map<string, PlanPermissionFacts>();
  let migrated: string | undefined;
  if (layout.kind === 'migrate' && baseSpecs) {
    const common = { config, target, payload, baseStacks, signal, headSpecs: validation.specs, permissions };
    ({
      changes,
      results,
      note: migrated,
    } = await planLayoutMigration(services, {
      ...common,
      settings,
      expiries,
      baseSpecs,
    }));
  } else {
    for (const change of changes) {
      const input = { config, target, payload, change, baseStacks, settings, signal, headSpecs: validation.specs };
      const { priorObjects: _unused, ...planned } = await lockAndPlan(services, { ...input, permissions });
      results.push(withUnappliedNotice(planned, unapplied, payload.pr));
    }
  }
  await releaseStacksNoLongerChanged(services, target, payload.pr, changes, payload.onlyStacks);

  // 6. Report, unless a newer push already waits (it will report instead).
  if (await supersededByNewerPush(services, job)) {
    await completeCheckRun(octokit, {
      ...target,
      checkRunId: planCheck,
      ...renderPlanCheck({ kind: 'superseded' }),
      annotations: [],
    });
    return 'superseded';
  }
  await services.store.markPlansSuperseded({ repo: fullName(target), pr: payload.pr, exceptHeadSha: payload.headSha });
  const summaries = new Map<string, PlanSummary>();
  for (const result of results) if (result.summary) summaries.set(result.stack, result.summary);
  const rendered = renderReview(review, summaries, permissions, migrated !== undefined);
  const commentInput = {
    marker: 'infra-bot:plan',
    repo: fullName(target),
    pr: payload.pr,
    headSha: payload.headSha,
    intentSummaryMarkdown: [
      rendered.markdown,
      ...(migrated ? [migrated] : []),
      ...(merge.changedOnBase.length ? [includesBaseNote(merge.changedOnBase, payload.baseRef, base.sha)] : []),
      renderStackChanges(changes),
    ].join('\n\n'),
    stacks: results,
    secrets: services.secrets,
    footer: PLAN_COMMENT_FOOTER,
  };
  // One rendering for both: the check output points at exactly the comment parts posted.
  const outputs = renderPlanOutputs({ ...commentInput, maxLength: PLAN_COMMENT_ROOM });
  await upsertPlanComment(services, octokit, target, payload.pr, outputs.commentParts);
  await completeCheckRun(octokit, {
    ...target,
    checkRunId: planCheck,
    ...renderPlanCheck({
      kind: 'planned',
      outcomes: results.map((result) => result.outcome),
      cost: review.costVerdict,
      planOutput: outputs.check,
    }),
    annotations: [],
  });
  for (const result of results) {
    await services.store.audit({
      at: services.clock.now(),
      actor: payload.requestedBy ?? payload.author,
      action: 'plan',
      repo: fullName(target),
      pr: payload.pr,
      stack: result.stack,
      sha: payload.headSha,
      outcome: result.outcome,
    });
  }
  // 7. Approval, board.
  await afterPlan(services, octokit, {
    payload,
    url: pr.htmlUrl,
    config,
    results,
    headSpecs: validation.specs,
    slackSummary: rendered.slack,
  });
  return `planned ${results.length} stack(s)`;
}

function chainDiagnostics(review: IntentReview): Diagnostic[] {
  return review.chain
    .filter((finding) => finding.severity === 'error')
    .map((finding) => ({
      file: finding.file,
      line: 1,
      column: 1,
      path: '',
      message: finding.message,
      severity: 'error',
    }));
}

function validateHead(head: RepositoryAt, base: RepositoryAt, now: Date): ValidationResult {
  const changedConfig = head.configText !== base.configText ? configDiagnostics(head) : [];
  if (!base.config.ok) {
    // The base's policy and specs folder are unknown: only the config problems are reported.
    const where = baseConfigInvalid(REPO_CONFIG_PATH, base.sha);
    const baseProblems = base.config.diagnostics.map((d) => ({ ...d, message: `${where} ${d.message}` }));
    const result = validateSpecs({ files: [], now });
    return { ...result, ok: false, specs: [], configOk: false, diagnostics: [...baseProblems, ...changedConfig] };
  }
  const result = validateSpecs({ files: head.specFiles, configText: base.configText, now });
  const diagnostics = [...head.unreadable, ...result.diagnostics, ...changedConfig];
  const ok = result.ok && !diagnostics.some((d) => d.severity === 'error');
  return { ...result, ok, diagnostics, specs: ok ? result.specs : [] };
}

type LockAndPlanInput = Parameters<typeof lockAndPlan>[1];

/**
 * A PR moving the identity specs to the per-spec layout (workflow/layout-migration.ts): the identity stack is planned
 * first with every resource `removed` (destroy = false), which reads the ids its state holds; then each new stack,
 * importing its objects by those ids. Any delete or replace refuses that stack's plan. Reported stacks: the new ones,
 * then `identity` (the apply's order).
 */
async function planLayoutMigration(
  services: LockAndPlanDeps,
  input: Omit<LockAndPlanInput, 'change' | 'migration'> & {
    expiries: ReadonlyMap<string, string>;
    baseSpecs: IntentSpec[];
  },
): Promise<{ changes: StackChange[]; results: StackPlanResult[]; note: string }> {
  const { settings, expiries } = input;
  const refuseIf = destroysSomething;
  const [identity] = synthesize(input.baseSpecs, { settings, expiries, stacks: [IDENTITY_STACK] });
  const addresses = identity ? resourceAddresses(identity.json) : [];
  const forget = forgetStackFor(IDENTITY_STACK, settings, input.config.defaults.region, addresses);
  const forgetChange: StackChange = {
    stack: IDENTITY_STACK,
    change: 'changed',
    head: forget,
    ...(identity && { base: identity }),
  };
  const { priorObjects, ...forgetResult } = await lockAndPlan(services, {
    ...input,
    change: forgetChange,
    migration: { readPriorState: true, refuseIf },
  });
  const imports = importsFromState(priorObjects ?? []);
  const perSpec = { ...settings, identityLayout: 'per-spec' as const };
  const identitySpecs = input.headSpecs.filter((spec) => kindOf(spec).okta);
  // Without the identity state's ids nothing can be imported: report the identity stack's failure alone.
  // No group has a stack of its own yet: every lookup of a group's id reads it during apply, after its stack.
  const groups = new Set(identitySpecs.filter((spec) => spec.kind === 'OktaGroup').map((spec) => spec.metadata.name));
  const stacks =
    forgetResult.outcome === 'failed'
      ? []
      : synthesize(identitySpecs, { settings: perSpec, expiries, imports, newGroups: groups });
  const changes: StackChange[] = stacks.map((stack) => ({ stack: stack.name, change: 'added', head: stack }));
  const results: StackPlanResult[] = [];
  for (const change of changes) {
    const { priorObjects: _unused, ...planned } = await lockAndPlan(services, {
      ...input,
      settings: perSpec,
      change,
      migration: { refuseIf },
    });
    results.push(planned);
  }
  const note = migrationNote({
    stacks: stacks.length,
    imports: stacks.reduce((sum, stack) => sum + Object.keys(stack.imports ?? {}).length, 0),
    forgets: addresses.length,
  });
  return { changes: [...changes, forgetChange], results: [...results, forgetResult], note };
}

/** OktaGroup specs in `head` but not in `base`; every one of them when the base could not be read. */
function groupsAddedTo(head: readonly IntentSpec[], base: readonly IntentSpec[] | undefined): Set<string> {
  const before = new Set((base ?? []).filter((spec) => spec.kind === 'OktaGroup').map((spec) => spec.metadata.name));
  return new Set(
    head
      .filter((spec) => spec.kind === 'OktaGroup' && (base === undefined || !before.has(spec.metadata.name)))
      .map((spec) => spec.metadata.name),
  );
}

interface BaseStacks {
  specs: IntentSpec[];
  stacks: SynthesizedStack[];
  regionOf: Map<string, string>;
}

/** The base's specs, or undefined when the base does not validate (then every head stack counts as changed). */
function validateBase(base: RepositoryAt, services: Deps<'clock'>): IntentSpec[] | undefined {
  const result = validateSpecs({ files: base.specFiles, configText: base.configText, now: services.clock.now() });
  return result.ok ? result.specs : undefined;
}

/** Stacks synthesised whether or not they changed: the roles' stack (the SSO chain checks read it), named stacks. */
function alsoSynthesised(
  head: readonly IntentSpec[],
  settings: ReturnType<typeof synthSettingsFrom>,
  named: readonly string[] | undefined,
): string[] {
  const role = head.find((spec) => spec.kind === 'IamSsoRole');
  return [...(role ? [stackNameFor(role, settings.identityLayout)] : []), ...(named ?? [])];
}

/** The base's stacks among `stacks` (all when undefined), and where each of its stacks' resources live. */
function synthesizeBase(
  specs: IntentSpec[],
  settings: ReturnType<typeof synthSettingsFrom>,
  expiries: ReadonlyMap<string, string>,
  stacks: string[] | undefined,
): BaseStacks {
  const synthesized = synthesize(specs, { settings, expiries, ...(stacks && { stacks }) });
  const regionOf = new Map<string, string>();
  for (const spec of specs) {
    const regionHook = kindOf(spec).region;
    const region = regionHook === 'none' ? undefined : regionHook(spec.spec);
    if (region !== undefined) regionOf.set(stackNameFor(spec, settings.identityLayout), region);
  }
  return { specs, stacks: synthesized, regionOf };
}

async function lockAndPlan(
  services: LockAndPlanDeps,
  input: {
    config: RepoConfig;
    target: { owner: string; repo: string };
    payload: EvaluatePullRequestPayload;
    change: StackChange;
    baseStacks: BaseStacks | undefined;
    settings: ReturnType<typeof synthSettingsFrom>;
    signal: AbortSignal;
    headSpecs: readonly IntentSpec[];
    /** Filled per planned stack, for the intent summary. */
    permissions: Map<string, PlanPermissionFacts>;
    /** A layout migration's extras (plan-stack.ts). */
    migration?: Partial<Pick<PlanStackInput, 'readPriorState' | 'refuseIf'>>;
  },
): Promise<StackPlanResult & { priorObjects?: StateObject[] }> {
  const { config, target, payload, change } = input;
  const lock = await services.store.acquireLock({
    repo: fullName(target),
    stack: change.stack,
    pr: payload.pr,
    headSha: payload.headSha,
    owner: payload.author,
    now: services.clock.now(),
    // Refused: the release of that lock queues this PR's evaluation again (the comment promises it).
    wakeJob: lockWakeJob(payload),
  });
  if (!lock.acquired) return { stack: change.stack, outcome: 'locked', lockedBy: { pr: lock.holder.pr } };
  const stack =
    change.head ??
    emptyStackFor(change.stack, input.settings, input.baseStacks?.regionOf.get(change.stack) ?? config.defaults.region);
  const { permissions, ...planned } = await planStack(services, {
    config,
    target: { ...target, installationId: payload.installationId },
    pr: payload.pr,
    headSha: payload.headSha,
    stack,
    signal: input.signal,
    userDataShownFor: userDataShownFor(input.headSpecs, change.head?.specs ?? []),
    ...(change.change === 'removed' && { destroy: true }),
    ...input.migration,
  });
  if (permissions) input.permissions.set(change.stack, permissions);
  if (change.change !== 'removed') return planned;
  return { ...planned, note: planned.note ? `${REMOVED_STACK_NOTE} ${planned.note}` : REMOVED_STACK_NOTE };
}

/** A later push may no longer change a stack this PR locked earlier: let others have it (and wake their PRs). */
async function releaseStacksNoLongerChanged(
  services: Deps<never, 'listLocks' | 'listLockWaiters' | 'releaseLocks' | 'forgetLockWaits'>,
  target: { owner: string; repo: string },
  pr: number,
  changes: StackChange[],
  onlyStacks: string[] | undefined,
): Promise<void> {
  if (onlyStacks?.length) return;
  const [held, waits] = await Promise.all([
    services.store.listLocks({ repo: fullName(target), pr }),
    services.store.listLockWaiters({ repo: fullName(target), pr }),
  ]);
  const unchanged = (stack: string) => !changes.some((change) => change.stack === stack);
  const stale = held.map((lock) => lock.stack).filter(unchanged);
  if (stale.length > 0) await services.store.releaseLocks({ repo: fullName(target), pr, stacks: stale });
  // Nor wait for a stack it no longer changes.
  const staleWaits = waits.map((wait) => wait.stack).filter(unchanged);
  if (staleWaits.length > 0) await services.store.forgetLockWaits({ repo: fullName(target), pr, stacks: staleWaits });
}
