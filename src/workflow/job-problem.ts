import type { ErrorClass } from '../jobs/classify-error.js';
import type { Job } from '../store/store.js';
import type { NotifyDeps } from './notify.js';
import type { ProblemNoticeDeps } from './problem-notices.js';
import type { Deps } from './services.js';

/** What reporters reach: GitHub (comments, checks, problem issues), Slack, the deadlines, the audit log. */
export type ReporterServices = Deps<'github' | 'installationId' | 'clock', 'getDeadline' | 'audit'> &
  ProblemNoticeDeps &
  NotifyDeps;

/** What a reporter is told about a job that failed for good or was interrupted by a crash. */
export interface JobProblem {
  services: ReporterServices;
  job: Job;
  problem: 'failed' | 'interrupted';
  /** The error policy's verdict (an interrupted job: transient, `job-interrupted`). */
  error: ErrorClass;
}

/** The facts of a problem, without the clients to report it: what the wording reads. */
export type ProblemFacts = Omit<JobProblem, 'services'>;

/** Makes the failure of one kind of job visible where the person who can fix it looks; throws when it could not. */
export type JobReporter = (problem: JobProblem) => Promise<void>;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** config and permission problems are reported once: the same report again would be noise, not news. */
export const reportedOnce = (problem: ProblemFacts): boolean =>
  problem.error.category === 'config' || problem.error.category === 'permission';

/**
 * The common wording: what could not be done, why in our terms (category and code, never the error text, which may
 * hold values we cannot vet), what to fix, and what happens next.
 */
export function describeProblem(problem: ProblemFacts, what: string, next: string, fix = problem.error.fix): string {
  const { job, error } = problem;
  if (problem.problem === 'interrupted') {
    return `⚠️ infra-bot was stopped while it was about to ${what} (job ${job.id}). ${next}`;
  }
  const why =
    error.category === 'config'
      ? error.retryable
        ? `It kept failing after ${plural(job.attempts, 'attempt')}; this looks like a configuration problem`
        : 'This is a configuration problem, so it is not retried'
      : error.category === 'permission'
        ? 'infra-bot is missing a permission, so it is not retried'
        : error.category === 'transient'
          ? `It kept failing after ${plural(job.attempts, 'attempt')}`
          : `It failed after ${plural(job.attempts, 'attempt')} with an unexpected error (the logs have the details)`;
  const todo = fix ? ` To fix: ${fix}.` : '';
  return `⚠️ infra-bot could not ${what} (job ${job.id}, \`${error.code}\`). ${why}.${todo} ${next}`.trimEnd();
}
