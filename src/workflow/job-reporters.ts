// Every job kind declares how its permanent failure is made visible. The table is a Record over JobKind: adding a
// kind to JOB_KINDS without a reporter does not type-check. Beyond these, every failure is logged, audited and
// counted (infra_bot_jobs_failed_total) by report-job-problem.ts.
import { completeCheckRun, createCheckRun } from '../github/check-runs.js';
import { decodeApprovalValue } from '../approval/approval-value.js';
import type { ApprovalClick } from '../slack/approval-click.js';
import { setApprovalStatus } from './approval/approval-status.js';
import { PLAN_CHECK } from './superseded-by-newer-push.js';
import { reportExpiryProblem } from './expiry/report-expiry-problem.js';
import type {
  ApplyPullRequestPayload,
  ClosePullRequestPayload,
  DriftPayload,
  EvaluatePullRequestPayload,
  JobKind,
  MoveCardPayload,
  RequestApprovalPayload,
  RunCommandPayload,
} from './job-kinds.js';
import { JOB_KINDS, fullName } from './job-kinds.js';
import type { JobProblem, JobReporter } from './job-problem.js';
import { describeProblem, reportedOnce } from './job-problem.js';
import { commentOnProblem, reportOnProblemIssue } from './problem-notices.js';

const onPr = (p: { installationId: number; owner: string; repo: string; pr: number }) => ({ ...p, number: p.pr });
const onceKey = (problem: JobProblem) =>
  reportedOnce(problem) ? `${problem.job.kind}:${problem.error.code}` : undefined;

/** A comment on the PR or issue the job came from; config problems once per PR and code. */
const commentReporter =
  <P>(target: (payload: P) => Parameters<typeof commentOnProblem>[1], what: string, next: string): JobReporter =>
  async (problem) => {
    const body = describeProblem(problem, what, next);
    await commentOnProblem(problem.services, target(problem.job.payload as P), body, onceKey(problem));
  };

const commentOnPlanFailure = commentReporter<EvaluatePullRequestPayload>(
  onPr,
  'plan this pull request',
  'Locks stay with this pull request. Comment `/infra plan` to try again, or `/infra status` to see where things stand.',
);

/** A plan that never finished: the comment, and a plan check that says so (not one left "in progress" forever). */
const evaluateReporter: JobReporter = async (problem) => {
  await commentOnPlanFailure(problem);
  const payload = problem.job.payload as EvaluatePullRequestPayload;
  const octokit = await problem.services.github(payload.installationId);
  const target = { owner: payload.owner, repo: payload.repo };
  const checkRunId = await createCheckRun(octokit, {
    ...target,
    name: PLAN_CHECK,
    headSha: payload.headSha,
    status: 'in_progress',
  });
  await completeCheckRun(octokit, {
    ...target,
    checkRunId,
    conclusion: problem.problem === 'interrupted' ? 'cancelled' : 'failure',
    output: {
      title: problem.problem === 'interrupted' ? 'Plan interrupted' : 'Plan could not run',
      summary: describeProblem(problem, 'plan this pull request', 'Comment `/infra plan` to try again.'),
    },
    annotations: [],
  });
};

const applyReporter: JobReporter = async (problem) => {
  const payload = problem.job.payload as ApplyPullRequestPayload;
  const body =
    problem.problem === 'interrupted'
      ? `⚠️ infra-bot was stopped while it was applying this pull request (job ${problem.job.id}). Some stacks may be partly applied; nothing is retried automatically and the locks stay with this pull request. Check the stacks (\`/infra status\`), then comment \`/infra plan\` to see what is left.`
      : `${describeProblem(problem, 'apply this pull request', '')} Some stacks may be partly applied; nothing is retried automatically and the locks stay with this pull request. Check the stacks (\`/infra status\`), then comment \`/infra plan\` to see what is left.`;
  await commentOnProblem(problem.services, onPr(payload), body);
};

/** The approval request never reached Slack: say so on the PR and in the approval status the PR shows. */
const approvalRequestReporter: JobReporter = async (problem) => {
  const payload = problem.job.payload as RequestApprovalPayload;
  const channel = payload.channel ?? 'the approvals channel';
  const fix = problem.error.code.startsWith('slack:')
    ? problem.error.category === 'config'
      ? `invite @infra-bot to ${channel} (\`/invite @infra-bot\` in that channel), or correct \`approvals.slackChannel\` in .github/infra.yml`
      : problem.error.fix
    : problem.error.fix;
  const body = describeProblem(
    problem,
    `deliver the approval request of this pull request to Slack (${channel})`,
    'Nobody has been asked to approve yet. Once fixed, comment `/infra plan` to send the request again.',
    fix,
  );
  // Once per PR and cause: every push re-requests approval, and the same broken channel is no news.
  await commentOnProblem(problem.services, onPr(payload), body, onceKey(problem));
  const octokit = await problem.services.github(payload.installationId);
  await setApprovalStatus(octokit, payload, payload.headSha, {
    state: 'unavailable',
    reason: `The approval request could not be sent to Slack (${problem.error.code}); see the PR comments`,
  });
};

/** A click that could not be recorded: the person who clicked is told in Slack, and the PR when we can read it. */
const approvalClickReporter: JobReporter = async (problem) => {
  const click = problem.job.payload as ApprovalClick;
  const { services } = problem;
  const text = describeProblem(problem, `record your ${click.action} click`, 'Click the button again in a moment.');
  let told = false;
  if (services.slack && click.channelId) {
    await services.slack.client.postEphemeral({ channel: click.channelId, user: click.slackUserId, text });
    told = true;
  }
  let value;
  try {
    value = decodeApprovalValue(click.value);
  } catch {
    if (told) return;
    throw new Error('an approval click failed and neither Slack nor its pull request can be told');
  }
  const [owner = '', repo = ''] = value.repo.split('/');
  const installationId = await services.installationId(owner, repo);
  const body = describeProblem(
    problem,
    `record the Slack ${click.action} of <@${click.slackUserId}> for this pull request`,
    'Ask them to click again.',
  );
  await commentOnProblem(services, { installationId, owner, repo, number: value.pr }, body, onceKey(problem));
};

const moveCardReporter: JobReporter = async (problem) => {
  const payload = problem.job.payload as MoveCardPayload;
  const body = describeProblem(
    problem,
    `move this pull request to the "${payload.column}" column of the project board`,
    'Nothing else is affected: plans, approvals and applies go on.',
  );
  // A board that keeps failing is news once per PR, whatever the cause.
  await commentOnProblem(problem.services, onPr(payload), body, `${problem.job.kind}:${problem.error.code}`);
};

const driftReporter: JobReporter = async (problem) => {
  const payload = problem.job.payload as DriftPayload;
  await reportOnProblemIssue(problem.services, payload, {
    key: 'drift-check',
    title: 'infra-bot: drift checks are failing',
    body: describeProblem(
      problem,
      `check ${fullName(payload)}${payload.onlyStack ? ` (${payload.onlyStack})` : ''} for drift`,
      'The next drift check runs at its usual time; this issue gets at most one comment a day while it fails.',
    ),
  });
};

export const JOB_REPORTERS: Record<JobKind, JobReporter> = {
  [JOB_KINDS.evaluatePullRequest]: evaluateReporter,
  [JOB_KINDS.closePullRequest]: commentReporter<ClosePullRequestPayload>(
    onPr,
    'finish closing this pull request (release its locks, discard its plans)',
    'Comment `/infra status` on an issue to see the locks still held.',
  ),
  [JOB_KINDS.runCommand]: commentReporter<RunCommandPayload>(
    (payload) => payload,
    'run your command',
    'Nothing was changed by it. Comment the command again to retry.',
  ),
  [JOB_KINDS.requestApproval]: approvalRequestReporter,
  [JOB_KINDS.handleApprovalClick]: approvalClickReporter,
  [JOB_KINDS.moveCard]: moveCardReporter,
  [JOB_KINDS.applyPullRequest]: applyReporter,
  [JOB_KINDS.expireSpec]: reportExpiryProblem,
  [JOB_KINDS.remindExpiry]: reportExpiryProblem,
  [JOB_KINDS.checkDrift]: driftReporter,
};
