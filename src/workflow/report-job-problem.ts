import { classifyError } from '../jobs/classify-error.js';
import type { ErrorClass } from '../jobs/classify-error.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Job } from '../store/store.js';
import type { JobKind } from './job-kinds.js';
import { JOB_REPORTERS } from './job-reporters.js';
import type { ReporterServices } from './job-problem.js';

export interface JobProblemReporter {
  failed(job: Job, error: unknown): Promise<void>;
  interrupted(job: Job): Promise<void>;
}

export interface ReporterDeps {
  services: ReporterServices;
  metrics?: Pick<Metrics, 'countJobFailure' | 'countReportFailure'>;
  /** Waits between tries of a report that failed (default 1 s, 4 s); tests pass zeros. */
  retryDelaysMs?: readonly number[];
}

const INTERRUPTED: ErrorClass = { category: 'transient', retryable: false, code: 'job-interrupted' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A job that failed for good, or was interrupted by a crash and must not rerun by itself, is never lost silently:
 * it is counted (infra_bot_jobs_failed_total{kind,category}), logged, audited, and its kind's reporter (see
 * job-reporters.ts) tells the people who can act. The job itself stays in the store as `failed`. A report that
 * fails is tried again, then logged and counted (infra_bot_failure_reports_failed_total), never swallowed quietly.
 */
export function createJobProblemReporter(deps: ReporterDeps): JobProblemReporter {
  const { services, metrics } = deps;
  const delays = deps.retryDelaysMs ?? [1000, 4000];

  const withRetries = async (job: Job, what: string, fn: () => Promise<void>): Promise<boolean> => {
    for (let tried = 0; ; tried += 1) {
      try {
        await fn();
        return true;
      } catch (error) {
        if (tried >= delays.length) {
          services.log.error({ jobId: job.id, kind: job.kind, err: error, tries: tried + 1 }, `${what} failed`);
          metrics?.countReportFailure(job.kind);
          return false;
        }
        services.log.warn({ jobId: job.id, kind: job.kind, err: error }, `${what} failed; trying again`);
        await sleep(delays[tried]!);
      }
    }
  };

  const report = async (job: Job, problem: 'failed' | 'interrupted', error: ErrorClass) => {
    metrics?.countJobFailure(job.kind, error.category);
    services.log.error(
      {
        jobId: job.id,
        kind: job.kind,
        attempts: job.attempts,
        category: error.category,
        code: error.code,
        error: job.lastError,
      },
      `job ${problem}`,
    );
    const repoOf = job.payload as { owner?: unknown; repo?: unknown; pr?: unknown; number?: unknown };
    const repo =
      typeof repoOf.owner === 'string' && typeof repoOf.repo === 'string'
        ? `${repoOf.owner}/${repoOf.repo}`
        : typeof repoOf.repo === 'string'
          ? repoOf.repo
          : undefined;
    const pr =
      typeof repoOf.pr === 'number' ? repoOf.pr : typeof repoOf.number === 'number' ? repoOf.number : undefined;
    await withRetries(job, 'auditing a job problem', () =>
      services.store.audit({
        at: services.clock.now(),
        actor: 'infra-bot',
        action: `job-${problem}`,
        ...(repo !== undefined && { repo }),
        ...(pr !== undefined && { pr }),
        outcome: `${job.kind}: ${error.category} (${error.code})`,
        detail: { jobId: job.id, kind: job.kind, attempts: job.attempts, category: error.category, code: error.code },
      }),
    );
    const reporter = JOB_REPORTERS[job.kind as JobKind];
    if (!reporter) {
      services.log.error({ jobId: job.id, kind: job.kind }, 'a job of an unknown kind failed; nobody else is told');
      metrics?.countReportFailure(job.kind);
      return;
    }
    await withRetries(job, `reporting a ${problem} ${job.kind} job`, () => reporter({ services, job, problem, error }));
  };

  return {
    failed: (job, error) => report(job, 'failed', classifyError(error)),
    interrupted: (job) => report(job, 'interrupted', INTERRUPTED),
  };
}
