// `terraform.runner: actions`: Terraform runs on GitHub Actions, in the repository's own infra-bot-terraform workflow;
// the app only dispatches, watches and reads the results. Same TerraformRunner contract as the local runner, so the
// workflow carries on exactly as with it (same comment, same approvals).
//
// 1. Read the stack's cdk.tf.json from the work directory (the app's synthesis is the truth; its hash binds the run).
// 2. Dispatch the workflow with inputs (stack, action, commit, a fresh correlation id, hash, the JSON when it fits),
//    follow the run to completion (actions-watch.ts): never started or never finished → cancelled and reported.
// 3. Download the run's artifact (a zip, read in memory) and check every result against this request
//    (actions-outcome.ts) before returning the same PlanResult / ApplyResult shapes as the local runner.
//
// Credentials are not the app's to give: the workflow gets its own through GitHub's OIDC. Nothing from RunRequest's
// credentials, extraEnv or secrets is sent anywhere; secrets are only used to redact what comes back.
import { randomBytes } from 'node:crypto';
import { failedSteps, type WorkflowRun } from '../github/actions.js';
import { callGitHub } from '../github/errors.js';
import type { GitHubClient } from '../github/octokit.js';
import { readRunArtifact } from './actions-artifact.js';
import { STACK_NAME, WORKFLOW_FILE, artifactName, encodeStackJson, type WorkflowAction } from './actions-contract.js';
import { OutcomeReader, type Expected } from './actions-outcome.js';
import { readRunStack, unfitForActions, type RunStack } from './actions-stack.js';
import { stoppedRun } from './actions-stopped.js';
import { formatPlanTicket, parsePlanTicket } from './actions-ticket.js';
import { sleep as realSleep, watchWorkflowRun, type WatchOutcome } from './actions-watch.js';
import { RunnerRequestError } from './local-runner.js';
import { secretValues } from './runner-env.js';
import { createRedactor } from './runner-redact.js';
import type { RunnerLogger } from './runner-session.js';
import type {
  ApplyResult,
  PlanRequest,
  PlanResult,
  RunFailure,
  RunPhase,
  RunRequest,
  TerraformRunner,
} from './runner.js';

export interface ActionsRunnerOptions {
  /** An Octokit authenticated as the app's installation on the repository (e.g. `() => services.github(id)`). */
  github: () => Promise<GitHubClient>;
  owner: string;
  repo: string;
  /** The commit the workflow checks out to plan (and destroy); an apply uses the commit its plan ticket names. */
  sha: string;
  /** The branch whose copy of the workflow runs. Default: the repository's default branch (reviewed code only). */
  ref?: string;
  workflowFile?: string;
  /** Between two looks at the run. Default 10 s. */
  pollMs?: number;
  /** A run no runner has picked up by then is cancelled and reported. Default 10 min. */
  startTimeoutMs?: number;
  /** Largest artifact zip downloaded. Default 64 MiB. */
  maxArtifactBytes?: number;
  /** Largest log returned (first and last halves kept). Default 1 MiB. */
  maxLogBytes?: number;
  log: RunnerLogger;
  clock?: { now(): Date };
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The correlation id of each dispatch (tests pin it). */
  newRunId?: () => string;
}

type Dispatch = { action: WorkflowAction; sha: string; destroy: boolean; refresh?: boolean; digest?: string };

export function createActionsRunner(options: ActionsRunnerOptions): TerraformRunner {
  const workflow = options.workflowFile ?? WORKFLOW_FILE;
  const pollMs = options.pollMs ?? 10_000;
  const startTimeoutMs = options.startTimeoutMs ?? 10 * 60_000;
  const maxArtifactBytes = options.maxArtifactBytes ?? 64 * 1024 * 1024;
  const maxLogBytes = options.maxLogBytes ?? 1024 * 1024;
  const now = () => (options.clock ? options.clock.now().getTime() : Date.now());
  const newRunId = options.newRunId ?? (() => randomBytes(15).toString('hex'));
  const where = { owner: options.owner, repo: options.repo };
  const { log } = options;

  const failure = (
    req: RunRequest,
    phase: RunPhase,
    error: string,
    flags: { timedOut?: boolean; cancelled?: boolean } = {},
  ): RunFailure => {
    log.warn({ stack: req.stack, phase, timedOut: flags.timedOut ?? false }, 'terraform run on GitHub Actions failed');
    return {
      ok: false,
      phase,
      exitCode: null,
      timedOut: flags.timedOut ?? false,
      cancelled: flags.cancelled ?? false,
      log: '',
      error: createRedactor(secretValues(req)).redact(error),
    };
  };

  let defaultBranch: string | undefined;
  async function refOf(octokit: GitHubClient): Promise<string> {
    if (options.ref !== undefined) return options.ref;
    if (defaultBranch === undefined) {
      const { data } = await callGitHub(`get repository ${options.owner}/${options.repo}`, () =>
        octokit.rest.repos.get(where),
      );
      defaultBranch = data.default_branch;
    }
    return defaultBranch;
  }

  /** Dispatches and watches one run; a reader for its results, or the failure that ended it early. */
  async function execute(
    req: RunRequest,
    stack: RunStack,
    d: Dispatch,
  ): Promise<{ reader: OutcomeReader; run: WorkflowRun } | RunFailure> {
    const redactor = createRedactor(secretValues(req));
    const phase: RunPhase = d.action;
    const runId = newRunId();
    const started = now();
    const deadline = started + req.timeoutMs;
    const inputs = {
      stack: req.stack,
      action: d.action,
      sha: d.sha,
      run_id: runId,
      destroy: String(d.destroy),
      ...(d.refresh === false && { refresh: 'false' }),
      stack_hash: stack.hash,
      stack_json: (stack.json !== undefined && encodeStackJson(stack.json)) || '',
      plan_digest: d.digest ?? '',
      not_after: new Date(deadline).toISOString(),
    };
    let octokit: GitHubClient;
    let ref: string;
    try {
      octokit = await options.github();
      ref = await refOf(octokit);
    } catch (error) {
      return failure(req, 'init', `Could not reach GitHub to start the run: ${(error as Error).message}`);
    }
    const fields = { stack: req.stack, action: d.action, correlationId: runId };
    log.info(fields, 'dispatching the terraform workflow on GitHub Actions');
    const outcome: WatchOutcome = await watchWorkflowRun(
      { octokit, ...where, workflow, ref, pollMs, startTimeoutMs, now, sleep: options.sleep ?? realSleep, log },
      { inputs, marker: `[${runId}]`, deadline, ...(req.signal && { signal: req.signal }) },
    );
    const url = outcome.kind === 'not_dispatched' ? undefined : outcome.run?.htmlUrl;
    log.info({ ...fields, outcome: outcome.kind, url, durationMs: now() - started }, 'GitHub Actions run ended');
    if (outcome.kind !== 'completed') {
      const context = { ...where, workflow, ref, phase, startTimeoutMs, timeoutMs: req.timeoutMs };
      const { phase: at, error, timedOut, cancelled } = stoppedRun(outcome, context);
      return failure(req, at, error, { timedOut, cancelled });
    }
    const { run } = outcome;
    const files = await readRunArtifact(octokit, {
      ...where,
      runId: run.id,
      name: artifactName(runId),
      maxBytes: maxArtifactBytes,
    });
    const expected: Expected = {
      runId,
      stack: req.stack,
      stackHash: stack.hash,
      destroy: d.destroy,
      ...(d.refresh === false && { refresh: false }),
      ...(d.digest && { digest: d.digest }),
    };
    const reader = new OutcomeReader(
      {
        action: d.action,
        conclusion: run.conclusion,
        url: run.htmlUrl,
        files,
        failedSteps: () => failedSteps(octokit, { ...where, runId: run.id }),
      },
      expected,
      { redactor, maxLogBytes },
    );
    return { reader, run };
  }

  function checkStackName(stack: string): void {
    if (!STACK_NAME.test(stack))
      throw new RunnerRequestError('invalid_stack_name', `invalid stack name ${JSON.stringify(stack)}`);
  }

  async function plan(req: PlanRequest): Promise<PlanResult> {
    checkStackName(req.stack);
    const stack = await readRunStack(req.workDir);
    const problem = unfitForActions(stack);
    if (problem !== null || stack === undefined) return failure(req, 'init', problem ?? '');
    const destroy = req.destroy ?? false;
    const done = await execute(req, stack, {
      action: 'plan',
      sha: options.sha,
      destroy,
      ...(req.refresh === false && { refresh: false }),
    });
    if (!('reader' in done)) return done;
    return done.reader.plan((digest) =>
      formatPlanTicket({
        ...where,
        stack: req.stack,
        sha: options.sha,
        stackHash: stack.hash,
        digest,
        destroy,
        runId: done.run.id,
      }),
    );
  }

  async function apply(req: RunRequest & { planFile: string }): Promise<ApplyResult> {
    checkStackName(req.stack);
    const ticket = parsePlanTicket(req.planFile);
    if (ticket === undefined) {
      return failure(
        req,
        'init',
        'This plan was not made on GitHub Actions (terraform.runner changed since?): plan again.',
      );
    }
    const sameRepo =
      ticket.owner.toLowerCase() === options.owner.toLowerCase() &&
      ticket.repo.toLowerCase() === options.repo.toLowerCase();
    if (!sameRepo || ticket.stack !== req.stack) {
      return failure(
        req,
        'init',
        `This plan is for ${ticket.owner}/${ticket.repo} stack ${ticket.stack}, not ${options.owner}/${options.repo} stack ${req.stack}.`,
      );
    }
    const local = await readRunStack(req.workDir);
    if (local !== undefined && local.hash !== ticket.stackHash) {
      return failure(
        req,
        'init',
        `The stack changed since it was planned (sha256 ${local.hash}, planned ${ticket.stackHash}): plan and approve again.`,
      );
    }
    const problem = local === undefined ? null : unfitForActions(local);
    if (problem !== null) return failure(req, 'init', problem);
    const stack: RunStack = { hash: ticket.stackHash, ...(local?.json !== undefined && { json: local.json }) };
    const done = await execute(req, stack, {
      action: 'apply',
      sha: ticket.sha,
      destroy: ticket.destroy,
      digest: ticket.digest,
    });
    return 'reader' in done ? done.reader.apply() : done;
  }

  async function destroy(req: RunRequest): Promise<ApplyResult> {
    checkStackName(req.stack);
    const stack = await readRunStack(req.workDir);
    const problem = unfitForActions(stack);
    if (problem !== null || stack === undefined) return failure(req, 'init', problem ?? '');
    const done = await execute(req, stack, { action: 'destroy', sha: options.sha, destroy: true });
    return 'reader' in done ? done.reader.apply() : done;
  }

  return { plan, apply, destroy };
}
