// Turns a completed run's conclusion and artifact files into the runner's results (no I/O of its own: the lookup of
// failed steps is passed in).
//
// Trust runs one way: only a successful run whose artifact holds a well-formed result for exactly this request (run id,
// stack, stack hash, plan digest) is a success. Anything missing, malformed or contradictory is a failure that names
// the run, so that nothing is approved (or reported applied) on the strength of results the app could not check.
import { parsePlanJson } from './terraform-json.js';
import {
  ARTIFACT_FILES,
  applyResultSchema,
  planResultSchema,
  type ApplyResultFile,
  type PlanResultFile,
  type ResultPhase,
  type WorkflowAction,
} from './actions-contract.js';
import { planDigest } from './actions-plan-json.js';
import { extractTerraformErrors } from './runner-errors.js';
import { BoundedOutput } from './runner-output.js';
import type { Redactor } from './runner-redact.js';
import type { ApplyResult, PlanResult, RunFailure, RunPhase } from './runner.js';

export interface CompletedRun {
  action: WorkflowAction;
  conclusion: string | null;
  url: string;
  /** The artifact's files, or why they could not be had. */
  files: Map<string, Buffer> | { error: string };
  /** "job › step" names that failed (asked for only when nothing else explains a failure). */
  failedSteps: () => Promise<string[]>;
}

export interface Expected {
  runId: string;
  stack: string;
  stackHash: string;
  destroy: boolean;
  /** plan: whether the plan was asked to refresh (default true). */
  refresh?: boolean;
  /** apply: the approved plan's digest. */
  digest?: string;
}

export interface OutcomeSettings {
  redactor: Redactor;
  maxLogBytes: number;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const CONCLUSION_WORDS: Record<string, string> = {
  failure: 'failed',
  cancelled: 'was cancelled',
  timed_out: 'timed out',
  startup_failure: 'could not start (startup failure)',
  action_required: 'is waiting for an action (approval) and did not run',
  skipped: 'was skipped',
  stale: 'went stale',
  neutral: 'ended neutral',
};

const actionPhase: Record<WorkflowAction, RunPhase> = { plan: 'plan', apply: 'apply', destroy: 'destroy' };
const toRunPhase = (phase: ResultPhase | undefined, fallback: RunPhase): RunPhase =>
  phase === undefined ? fallback : phase === 'setup' || phase === 'validate' || phase === 'synth' ? 'init' : phase;

function parseFile<T>(
  files: Map<string, Buffer>,
  name: string,
  parse: (value: unknown) => Checked<T>,
): Checked<T> | undefined {
  const content = files.get(name);
  if (content === undefined) return undefined;
  try {
    return parse(JSON.parse(content.toString('utf8')));
  } catch {
    return { ok: false, error: `${name} is not JSON` };
  }
}

function checkPlanResult(value: unknown, expected: Expected): Checked<PlanResultFile> {
  const parsed = planResultSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `${ARTIFACT_FILES.planResult} is not in infra-bot's result format` };
  const r = parsed.data;
  if (r.runId !== expected.runId || r.stack !== expected.stack || r.destroy !== expected.destroy) {
    return {
      ok: false,
      error: `${ARTIFACT_FILES.planResult} belongs to another request (run ${r.runId}, stack ${r.stack})`,
    };
  }
  const refreshed = r.refresh ?? true;
  if (refreshed !== (expected.refresh ?? true)) {
    return {
      ok: false,
      error: `${ARTIFACT_FILES.planResult} is of a plan ${refreshed ? 'with' : 'without'} refresh, not the one asked for`,
    };
  }
  if (r.stackHash !== undefined && r.stackHash !== expected.stackHash) {
    return {
      ok: false,
      error: `the run planned another version of the stack (sha256 ${r.stackHash}, expected ${expected.stackHash})`,
    };
  }
  return { ok: true, value: r };
}

function checkApplyResult(value: unknown, expected: Expected): Checked<ApplyResultFile> {
  const parsed = applyResultSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `${ARTIFACT_FILES.applyResult} is not in infra-bot's result format` };
  const r = parsed.data;
  if (r.runId !== expected.runId || r.stack !== expected.stack) {
    return {
      ok: false,
      error: `${ARTIFACT_FILES.applyResult} belongs to another request (run ${r.runId}, stack ${r.stack})`,
    };
  }
  if (r.ok && expected.digest !== undefined && r.planDigest !== expected.digest) {
    return {
      ok: false,
      error: `the run applied a plan with digest ${r.planDigest ?? 'none'}, not the approved ${expected.digest}`,
    };
  }
  return { ok: true, value: r };
}

export class OutcomeReader {
  constructor(
    private readonly run: CompletedRun,
    private readonly expected: Expected,
    private readonly settings: OutcomeSettings,
  ) {}

  private log(...names: string[]): string {
    const files = this.run.files;
    const out = new BoundedOutput(this.settings.maxLogBytes);
    if (!(files instanceof Map)) return '';
    for (const name of names) {
      const content = files.get(name);
      if (content !== undefined) out.write(content);
    }
    return out.text(this.settings.redactor);
  }

  private async failure(
    phase: RunPhase,
    reason: string,
    detail: { result?: PlanResultFile | ApplyResultFile; log?: string } = {},
  ): Promise<RunFailure> {
    const { result } = detail;
    const log = detail.log ?? this.log(ARTIFACT_FILES.planLog, ARTIFACT_FILES.applyLog);
    let explanation = result?.error ?? extractTerraformErrors(log);
    if (!explanation && this.run.conclusion !== 'success') {
      const steps = await this.run.failedSteps().catch(() => []);
      if (steps.length > 0) explanation = `Failed step${steps.length > 1 ? 's' : ''}: ${steps.join(', ')}.`;
    }
    const error = this.settings.redactor.redact([reason, explanation].filter(Boolean).join('\n\n'));
    return {
      ok: false,
      phase: toRunPhase(result?.phase, phase),
      exitCode: result?.exitCode ?? null,
      timedOut: this.run.conclusion === 'timed_out' || result?.timedOut === true,
      cancelled: this.run.conclusion === 'cancelled' || result?.cancelled === true,
      log,
      error,
    };
  }

  private notSuccessful(): string {
    const words =
      CONCLUSION_WORDS[this.run.conclusion ?? ''] ?? `ended with conclusion ${this.run.conclusion ?? 'none'}`;
    return `The GitHub Actions run ${this.run.url} ${words}.`;
  }

  private noResults(error: string): string {
    return `${this.notSuccessful()} It left no results that can be read (${error}).`;
  }

  private unusable(why: string): string {
    return `The GitHub Actions run ${this.run.url} reported success, but its results cannot be used: ${why}.`;
  }

  /** A plan run: its sanitized plan JSON (checked against its result) and whether it changes anything. */
  async plan(ticketFor: (digest: string) => string): Promise<PlanResult> {
    const { files, conclusion } = this.run;
    if (!(files instanceof Map)) {
      return this.failure('plan', conclusion === 'success' ? this.unusable(files.error) : this.noResults(files.error));
    }
    const checked = parseFile(files, ARTIFACT_FILES.planResult, (v) => checkPlanResult(v, this.expected));
    if (conclusion !== 'success') {
      return this.failure('plan', this.notSuccessful(), checked?.ok ? { result: checked.value } : {});
    }
    if (checked === undefined) return this.failure('plan', this.unusable(`${ARTIFACT_FILES.planResult} is missing`));
    if (!checked.ok) return this.failure('plan', this.unusable(checked.error));
    const result = checked.value;
    if (!result.ok) return this.failure('plan', `The plan in GitHub Actions run ${this.run.url} failed.`, { result });
    const planText = files.get(ARTIFACT_FILES.planJson)?.toString('utf8');
    if (planText === undefined) return this.failure('plan', this.unusable(`${ARTIFACT_FILES.planJson} is missing`));
    const parsed = parsePlanJson(planText);
    if (!parsed.ok) return this.failure('plan', this.unusable(parsed.error));
    const digest = planDigest(JSON.parse(planText));
    if (digest !== result.planDigest) {
      return this.failure(
        'plan',
        this.unusable(`${ARTIFACT_FILES.planJson} is not the plan ${ARTIFACT_FILES.planResult} describes`),
      );
    }
    const acts = (parsed.plan.resource_changes ?? []).some((rc) => !['no-op', 'read'].includes(rc.change.actions[0]));
    if (acts && !result.hasChanges)
      return this.failure('plan', this.unusable('the plan has changes its result denies'));
    return {
      ok: true,
      planFile: ticketFor(digest),
      planJson: this.settings.redactor.redact(planText),
      hasChanges: result.hasChanges,
      log: this.log(ARTIFACT_FILES.planLog),
      ...(result.stateResources !== undefined && { stateResources: result.stateResources }),
    };
  }

  /** An apply or destroy run. A success that cannot be verified is a failure, but never claims nothing was applied. */
  async apply(): Promise<ApplyResult> {
    const phase = actionPhase[this.run.action];
    const { files, conclusion } = this.run;
    const unknown = (why: string) =>
      this.failure(phase, `${this.unusable(why)} Whether terraform applied anything is not known: read the run's log.`);
    if (!(files instanceof Map)) {
      return conclusion === 'success' ? unknown(files.error) : this.failure(phase, this.noResults(files.error));
    }
    const applied = parseFile(files, ARTIFACT_FILES.applyResult, (v) => checkApplyResult(v, this.expected));
    const planned = parseFile(files, ARTIFACT_FILES.planResult, (v) => checkPlanResult(v, this.expected));
    if (conclusion !== 'success') {
      const result = applied?.ok ? applied.value : planned?.ok ? planned.value : undefined;
      return this.failure(phase, this.notSuccessful(), result ? { result } : {});
    }
    if (applied === undefined) return unknown(`${ARTIFACT_FILES.applyResult} is missing`);
    if (!applied.ok) return unknown(applied.error);
    if (!applied.value.ok) {
      return this.failure(phase, `The apply in GitHub Actions run ${this.run.url} failed.`, { result: applied.value });
    }
    return { ok: true, log: this.log(ARTIFACT_FILES.planLog, ARTIFACT_FILES.applyLog) };
  }
}
