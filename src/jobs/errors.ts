import type { ErrorCategory } from './error-category.js';

/**
 * Thrown by a handler when trying again cannot help (bad payload, spec gone, approval missing): the job fails at
 * once, whatever its retry policy.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  readonly code = 'job-permanent-failure';
  /** What kind of problem (default: that of the cause, else a bug); see classify-error.ts. */
  readonly category: ErrorCategory | undefined;
  /** What a person should do about it, shown in the failure message. */
  readonly fix: string | undefined;
  constructor(message: string, options?: { cause?: unknown; category?: ErrorCategory; fix?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.category = options?.category;
    this.fix = options?.fix;
  }
}

/** Thrown when the work cannot run now but will later (a stack busy with another run): retried with backoff. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  readonly code = 'job-retry-later';
}

/** A terraform run (plan, apply, destroy) that did not succeed, with what the runner reported. */
export class TerraformRunError extends Error {
  override readonly name = 'TerraformRunError';
  readonly code = 'terraform-run-failed';
  constructor(
    readonly phase: string,
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** The abort reason when the worker lost a job's lease (another worker may now hold it): stop touching it. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  readonly code = 'job-lease-lost';
  constructor(jobId: string) {
    super(`the lease of job ${jobId} was lost; another worker may have it`);
  }
}

/** The abort reason when the worker stops and the grace period ran out. */
export class WorkerStoppingError extends Error {
  override readonly name = 'WorkerStoppingError';
  readonly code = 'worker-stopping';
  constructor() {
    super('the worker is stopping');
  }
}

const MAX_ERROR_LENGTH = 4000;

/** The text recorded as a job's lastError: `code: message`, never a stack. */
export function describeJobError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const text = typeof code === 'string' && code && !message.startsWith(code) ? `${code}: ${message}` : message;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
