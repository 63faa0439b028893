// Runs the terraform (or tofu) CLI on this machine: init → plan → show -json, apply <planfile>, destroy.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { usesLocalBackend } from './actions-contract.js';
import { readRunStack } from './actions-stack.js';
import { WholeOutput } from './runner-output.js';
import { RunSession, formatMs, type RunnerLogger } from './runner-session.js';
import { stateResourceCount } from './runner-refresh.js';
import type { ApplyResult, PlanRequest, PlanResult, RunFailure, RunRequest, TerraformRunner } from './runner.js';

export type { RunnerLogger } from './runner-session.js';

export interface LocalRunnerOptions {
  /** `terraform`, `tofu`, or a path to either. */
  binary?: string;
  /** Shared provider cache (TF_PLUGIN_CACHE_DIR); created if missing. */
  pluginCacheDir: string;
  /** Time between SIGINT and SIGKILL when a run is stopped. */
  graceMs?: number;
  maxLogBytes?: number;
  /** Hard cap on `show -json` output; a larger plan fails instead of exhausting memory. */
  maxPlanJsonBytes?: number;
  /** How long to wait for a state lock (never past the run's deadline). */
  lockTimeoutMs?: number;
  log: RunnerLogger;
  clock?: { now(): Date };
  /** The app's environment, filtered through an allowlist for the child (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Replicas of this deployment (INFRA_BOT_REPLICAS, default 1). Above 1, a stack whose state is a local file is
   * refused: each pod would keep its own state, and a plan on another pod would re-create what exists.
   */
  replicas?: number;
}

/** Thrown for requests that are wrong in themselves (a caller bug), not for Terraform failures. */
export class RunnerRequestError extends Error {
  constructor(
    readonly code: 'invalid_stack_name',
    message: string,
  ) {
    super(message);
    this.name = 'RunnerRequestError';
  }
}

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function createLocalRunner(options: LocalRunnerOptions): TerraformRunner {
  const binary = options.binary ?? 'terraform';
  const graceMs = options.graceMs ?? 10_000;
  const maxLogBytes = options.maxLogBytes ?? 1024 * 1024;
  const maxPlanJsonBytes = options.maxPlanJsonBytes ?? 256 * 1024 * 1024;
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
  const now = () => (options.clock ? options.clock.now().getTime() : Date.now());
  const common = ['-input=false', '-no-color'];
  // Terraform's plugin cache is not safe for concurrent installs: one init at a time per process.
  let initQueue: Promise<unknown> = Promise.resolve();

  /** Validates the request and opens a session, or says why the run must not start. */
  function open(req: RunRequest): RunSession | RunFailure {
    if (!STACK_NAME.test(req.stack)) {
      throw new RunnerRequestError('invalid_stack_name', `invalid stack name ${JSON.stringify(req.stack)}`);
    }
    const session = new RunSession(
      {
        binary,
        pluginCacheDir: options.pluginCacheDir,
        graceMs,
        maxLogBytes,
        appEnv: options.env ?? process.env,
        now,
        log: options.log,
      },
      { ...req, workDir: resolve(req.workDir) },
    );
    const expiration = req.credentials?.expiration;
    if (expiration && expiration.getTime() < session.deadline) {
      const reason =
        `AWS credentials expire at ${expiration.toISOString()}, before this run's deadline ` +
        `${new Date(session.deadline).toISOString()} (timeout ${formatMs(req.timeoutMs)}): refusing to start a run ` +
        'that could outlive its credentials (STS role chaining caps sessions at 1 h). ' +
        'Request longer-lived credentials or lower terraform.timeout.';
      return session.failure('init', null, reason);
    }
    return session;
  }

  /** A local-state stack on a multi-replica deployment, as a failure before anything runs; else null. */
  async function localStateRefusal(s: RunSession, req: RunRequest): Promise<RunFailure | null> {
    const replicas = options.replicas ?? 1;
    if (replicas <= 1) return null;
    const stack = await readRunStack(resolve(req.workDir));
    if (!stack?.json || !usesLocalBackend(stack.json)) return null;
    return s.failure(
      'init',
      null,
      `this deployment runs ${replicas} replicas (INFRA_BOT_REPLICAS) but stack ${req.stack} keeps its Terraform ` +
        'state in a local file, which each replica would hold separately: set terraform.stateBucket in ' +
        '.github/infra.yml (an S3 bucket for state), or run one replica',
    );
  }

  const lockTimeout = (s: RunSession) =>
    `-lock-timeout=${Math.max(1, Math.floor(Math.min(lockTimeoutMs, s.remainingMs()) / 1000))}s`;

  async function init(s: RunSession): Promise<RunFailure | null> {
    try {
      await mkdir(options.pluginCacheDir, { recursive: true });
    } catch (err) {
      return s.failure('init', null, `cannot create the plugin cache directory: ${(err as Error).message}`);
    }
    const run = initQueue.then(() => s.phase('init', ['init', ...common]));
    initQueue = run.catch(() => undefined);
    const outcome = await run;
    return outcome.result.exitCode === 0 ? null : s.failure('init', outcome);
  }

  async function plan(req: PlanRequest): Promise<PlanResult> {
    const s = open(req);
    if (!(s instanceof RunSession)) return s;
    const refused = await localStateRefusal(s, req);
    if (refused) return refused;
    const planFile = join(resolve(req.workDir), `${req.stack}.tfplan`);
    // A leftover plan file must never pass for this run's plan.
    await rm(planFile, { force: true });
    const initFailure = await init(s);
    if (initFailure) return initFailure;

    const args = [
      'plan',
      ...common,
      lockTimeout(s),
      '-detailed-exitcode',
      `-out=${planFile}`,
      ...(req.refresh === false ? ['-refresh=false'] : []),
      ...(req.destroy ? ['-destroy'] : []),
    ];
    const planned = await s.phase('plan', args);
    const code = planned.result.exitCode;
    if (code !== 0 && code !== 2) return s.failure('plan', planned);
    if (!existsSync(planFile))
      return s.failure('plan', planned, `${binary} plan exited ${code} but wrote no plan file`);

    const json = new WholeOutput(maxPlanJsonBytes);
    const shown = await s.phase('show', ['show', '-json', planFile], json);
    if (json.overflowed) return s.failure('show', shown, `the plan JSON is larger than ${maxPlanJsonBytes} bytes`);
    if (shown.result.exitCode !== 0) return s.failure('show', shown);
    const planJson = json.text();
    let stateResources: number;
    try {
      stateResources = stateResourceCount(JSON.parse(planJson));
    } catch (err) {
      return s.failure('show', shown, `${binary} show -json printed invalid JSON: ${(err as Error).message}`);
    }
    return { ok: true, planFile, planJson, hasChanges: code === 2, log: s.text(), stateResources };
  }

  async function apply(req: RunRequest & { planFile: string }): Promise<ApplyResult> {
    const s = open(req);
    if (!(s instanceof RunSession)) return s;
    const refused = await localStateRefusal(s, req);
    if (refused) return refused;
    // init is idempotent and makes a fresh working directory (e.g. after a restart) able to apply.
    const initFailure = await init(s);
    if (initFailure) return initFailure;
    const planFile = resolve(req.workDir, req.planFile);
    const applied = await s.phase('apply', ['apply', ...common, lockTimeout(s), planFile]);
    return applied.result.exitCode === 0 ? { ok: true, log: s.text() } : s.failure('apply', applied);
  }

  async function destroy(req: RunRequest): Promise<ApplyResult> {
    const s = open(req);
    if (!(s instanceof RunSession)) return s;
    const refused = await localStateRefusal(s, req);
    if (refused) return refused;
    const initFailure = await init(s);
    if (initFailure) return initFailure;
    const destroyed = await s.phase('destroy', ['destroy', ...common, lockTimeout(s), '-auto-approve']);
    return destroyed.result.exitCode === 0 ? { ok: true, log: s.text() } : s.failure('destroy', destroyed);
  }

  return { plan, apply, destroy };
}
