// One run (plan, apply or destroy): a single deadline, one bounded redacted log, phases and their failures.
import { childEnv, passThroughSecrets, secretValues } from './runner-env.js';
import { extractTerraformErrors } from './runner-errors.js';
import { BoundedOutput, type WholeOutput } from './runner-output.js';
import { runProcess, type ProcessResult } from './runner-process.js';
import { createRedactor, type Redactor } from './runner-redact.js';
import type { RunFailure, RunPhase, RunRequest } from './runner.js';

export interface RunnerLogger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
}

export interface SessionSettings {
  binary: string;
  pluginCacheDir: string;
  graceMs: number;
  maxLogBytes: number;
  appEnv: NodeJS.ProcessEnv;
  now: () => number;
  log: RunnerLogger;
}

/** Enough stderr to find Terraform's error blocks, which come last. */
const STDERR_BYTES = 256 * 1024;

export interface PhaseOutcome {
  result: ProcessResult;
  stderr: BoundedOutput;
}

export class RunSession {
  readonly deadline: number;
  private readonly output: BoundedOutput;
  private readonly redactor: Redactor;
  private readonly env: Record<string, string>;

  constructor(
    private readonly settings: SessionSettings,
    private readonly req: RunRequest,
  ) {
    this.deadline = settings.now() + req.timeoutMs;
    this.output = new BoundedOutput(settings.maxLogBytes);
    this.redactor = createRedactor([...secretValues(req), ...passThroughSecrets(settings.appEnv)]);
    this.env = childEnv({
      appEnv: settings.appEnv,
      pluginCacheDir: settings.pluginCacheDir,
      credentials: req.credentials,
      extraEnv: req.extraEnv,
    });
  }

  remainingMs(): number {
    return this.deadline - this.settings.now();
  }

  async phase(phase: RunPhase, args: string[], stdout?: WholeOutput): Promise<PhaseOutcome> {
    const { binary, graceMs, now, log } = this.settings;
    const stderr = new BoundedOutput(STDERR_BYTES);
    this.output.write(`$ ${binary} ${args.join(' ')}\n`);
    const started = now();
    const result = await runProcess({
      binary,
      args,
      cwd: this.req.workDir,
      env: this.env,
      deadline: this.deadline,
      now,
      signal: this.req.signal,
      graceMs,
      log: this.output,
      stderr,
      stdout,
    });
    const fields = {
      stack: this.req.stack,
      phase,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      durationMs: now() - started,
    };
    log.info(fields, `terraform ${phase} finished`);
    return { result, stderr };
  }

  /** The redacted log so far. */
  text(): string {
    return this.output.text(this.redactor);
  }

  failure(phase: RunPhase, outcome: PhaseOutcome | null, reason?: string): RunFailure {
    const result = outcome?.result ?? { exitCode: null, timedOut: false, cancelled: false };
    const errors = outcome ? extractTerraformErrors(outcome.stderr.text(this.redactor)) : '';
    const what = `${this.settings.binary} ${phase}`;
    let why = reason;
    if (!why && result.spawnError) why = `could not start ${this.settings.binary}: ${result.spawnError.message}`;
    if (!why && result.timedOut) why = `${what} was stopped: the run's ${formatMs(this.req.timeoutMs)} deadline passed`;
    if (!why && result.cancelled) why = `${what} was cancelled`;
    if (!why && !errors) why = `${what} exited with code ${result.exitCode ?? 'none'}`;
    const error = this.redactor.redact([why, errors].filter(Boolean).join('\n\n'));
    this.settings.log.warn({ stack: this.req.stack, phase, exitCode: result.exitCode }, `terraform ${phase} failed`);
    return {
      ok: false,
      phase,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      log: this.text(),
      error,
    };
  }
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 100) / 10}s`;
}
