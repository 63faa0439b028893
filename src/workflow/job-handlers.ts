import type { Job } from '../store/store.js';
import type { ApprovalClick } from '../slack/approval-click.js';
import { handleApprovalClick } from './approval/handle-click.js';
import { requestApproval } from './approval/request-approval.js';
import { applyPullRequest } from './apply/apply-pull-request.js';
import { closePullRequest } from './close-pull-request.js';
import { expireSpec } from './expiry/expire-spec.js';
import { remindExpiry } from './expiry/remind-expiry.js';
import { moveCard } from './project-board.js';
import { checkDrift } from './drift/check-drift.js';
import type { CommandHandlers } from './commands/command-context.js';
import { runCommand } from './commands/run-command.js';
import { evaluatePullRequest } from './evaluate-pull-request.js';
import { JOB_KINDS } from './job-kinds.js';
import type {
  ApplyPullRequestPayload,
  ClosePullRequestPayload,
  DeadlinePayload,
  DriftPayload,
  EvaluatePullRequestPayload,
  JobKind,
  MoveCardPayload,
  RequestApprovalPayload,
  RunCommandPayload,
} from './job-kinds.js';
import type { Services } from './services.js';

export type JobHandler = (job: Job, context: { signal: AbortSignal }) => Promise<unknown>;

/**
 * The worker's handler map: job kind → workflow step. Typed over the kinds, so a new kind needs a handler here and
 * a reporter in job-reporters.ts (how its failure is made visible) before it compiles.
 */
export function jobHandlers(services: Services, commands: CommandHandlers): Record<JobKind, JobHandler> {
  return {
    [JOB_KINDS.evaluatePullRequest]: (job, { signal }) =>
      evaluatePullRequest(services, job as Job<EvaluatePullRequestPayload>, signal),
    [JOB_KINDS.closePullRequest]: (job) => closePullRequest(services, job as Job<ClosePullRequestPayload>),
    [JOB_KINDS.runCommand]: (job) => runCommand(services, job as Job<RunCommandPayload>, commands),
    [JOB_KINDS.requestApproval]: (job) => requestApproval(services, job as Job<RequestApprovalPayload>),
    [JOB_KINDS.handleApprovalClick]: (job) => handleApprovalClick(services, job as Job<ApprovalClick>),
    [JOB_KINDS.moveCard]: (job) => moveCard(services, job as Job<MoveCardPayload>),
    [JOB_KINDS.applyPullRequest]: (job, { signal }) =>
      applyPullRequest(services, job as Job<ApplyPullRequestPayload>, signal),
    [JOB_KINDS.expireSpec]: (job, { signal }) => expireSpec(services, job as Job<DeadlinePayload>, signal),
    [JOB_KINDS.remindExpiry]: (job) => remindExpiry(services, job as Job<DeadlinePayload>),
    [JOB_KINDS.checkDrift]: (job, { signal }) => checkDrift(services, job as Job<DriftPayload>, signal),
  };
}
