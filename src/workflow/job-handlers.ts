import type { Job } from '../store/store.js';
import { closePullRequest } from './close-pull-request.js';
import type { CommandHandlers } from './commands/command-context.js';
import { runCommand } from './commands/run-command.js';
import { evaluatePullRequest } from './evaluate-pull-request.js';
import { JOB_KINDS } from './job-kinds.js';
import type { ClosePullRequestPayload, EvaluatePullRequestPayload, RunCommandPayload } from './job-kinds.js';
import type { Services } from './services.js';

export type JobHandler = (job: Job, context: { signal: AbortSignal }) => Promise<unknown>;

/** The worker's handler map: job kind → workflow step. */
export function jobHandlers(services: Services, commands: CommandHandlers): Record<string, JobHandler> {
  return {
    [JOB_KINDS.evaluatePullRequest]: (job, { signal }) =>
      evaluatePullRequest(services, job as Job<EvaluatePullRequestPayload>, signal),
    [JOB_KINDS.closePullRequest]: (job) => closePullRequest(services, job as Job<ClosePullRequestPayload>),
    [JOB_KINDS.runCommand]: (job) => runCommand(services, job as Job<RunCommandPayload>, commands),
  };
}
