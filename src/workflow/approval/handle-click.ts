import { reply } from '../../github/comments.js';
import type { GitHubClient } from '../../github/octokit.js';
import { getPull } from '../../github/pulls.js';
import { getPublicEmail } from '../../github/repos.js';
import type { ApprovalClick } from '../../slack/approval-click.js';
import { approvalState, decideClick } from '../../approval/approval-rules.js';
import { ApprovalValueError, decodeApprovalValue } from '../../approval/approval-value.js';
import { refusalText } from '../../slack/render-refusal.js';
import type { RefusalReason } from '../../approval/refusal.js';
import type { Job } from '../../store/store.js';
import { JOB_KINDS } from '../job-kinds.js';
import type { RequestApprovalPayload } from '../job-kinds.js';
import { readRepoConfig } from '../read-config.js';
import type { Deps } from '../services.js';
import { ALREADY_RECORDED, configInvalidRefusal, renderDecisionComment } from './render-decision-comment.js';

/** What a click reaches: Slack (to answer), GitHub (the PR, its config), Okta (the approver group), the store. */
export type ApprovalClickDeps = Deps<
  'slack' | 'okta' | 'log' | 'clock' | 'github' | 'installationId' | 'notifyWorker',
  'audit' | 'latestPlans' | 'recordDecision' | 'listDecisions' | 'getApprovalMessage' | 'enqueue' | 'listAudit'
>;

/**
 * An Approve / Reject click (already acknowledged and queued by the receiver):
 *  1. decode the button; find the PR and its current head and plans;
 *  2. check the clicker: workspace, allowed approver (list or Okta group), not the author, plan still current;
 *  3. record the decision (the first per approver per head SHA wins: a replayed click records nothing);
 *  4. tell GitHub (a PR comment naming the approver) and refresh the Slack message and the approval status.
 * A refusal is an ephemeral Slack message to the clicker and an audit entry; nothing is recorded.
 */
export async function handleApprovalClick(services: ApprovalClickDeps, job: Job<ApprovalClick>): Promise<string> {
  const click = job.payload;
  const slack = services.slack;
  if (!slack) return 'Slack is not configured';
  const refuse = async (reason: RefusalReason, message: string, repo?: string, pr?: number) => {
    if (click.channelId)
      await slack.client.postEphemeral({ channel: click.channelId, user: click.slackUserId, text: message });
    await services.store.audit({
      at: services.clock.now(),
      actor: `slack:${click.slackUserId}`,
      action: `approval-refused`,
      ...(repo && { repo }),
      ...(pr && { pr }),
      outcome: reason,
    });
    return `refused: ${reason}`;
  };

  let request;
  try {
    request = decodeApprovalValue(click.value);
  } catch (error) {
    if (error instanceof ApprovalValueError) return refuse('invalid-value', refusalText('invalid-value'));
    throw error;
  }
  const [owner = '', repo = ''] = request.repo.split('/');
  const target = { owner, repo };
  const octokit = await services.github(await services.installationId(owner, repo));
  const pull = await getPull(octokit, { ...target, pull_number: request.pr });
  const configResult = await readRepoConfig(octokit, target);
  if (!configResult.ok) {
    return refuse('not-an-approver', configInvalidRefusal(request.repo), request.repo, request.pr);
  }
  const approvals = configResult.config.approvals;
  const currentPlans = (
    await services.store.latestPlans({ repo: request.repo, pr: request.pr, headSha: pull.head.sha })
  ).filter((plan) => plan.status === 'planned');
  // A self-service PR is opened by infra-bot for the person who asked: that person counts as its author.
  const author = requesterOf(pull.user.login, pull.body) ?? pull.user.login;
  const clicker = await slack.client.userInfo(click.slackUserId);
  const clickerEmail = clicker.emailConfirmed ? clicker.email : undefined;
  const isInApproverGroup = await approverGroupMembership(services, approvals.approverOktaGroup, clickerEmail);
  const verdict = decideClick({
    click,
    ...(slack.teamId && { expectedTeamId: slack.teamId }),
    config: approvals,
    ...(clickerEmail && { clickerEmail }),
    isInApproverGroup,
    prAuthor: { login: author, emails: await authorEmails(octokit, author) },
    ...(approvals.githubLogins[click.slackUserId] && { clickerGithubLogin: approvals.githubLogins[click.slackUserId] }),
    // A closed or merged PR takes no more decisions: its buttons count as superseded.
    currentHeadSha: pull.state === 'open' ? pull.head.sha : `closed:${pull.head.sha}`,
    plannedHeadShas:
      request.headSha === pull.head.sha
        ? [pull.head.sha]
        : await plannedHeadShas(services, { repo: request.repo, pr: request.pr, headSha: request.headSha }),
    planIdsCurrent: currentPlans.map((plan) => plan.id),
  });
  if (!verdict.allowed)
    return refuse(verdict.reason, refusalText(verdict.reason, verdict.refusal), request.repo, request.pr);

  const name = clicker.realName ?? clicker.name;
  const githubLogin = approvals.githubLogins[click.slackUserId];
  const { recorded } = await services.store.recordDecision({
    repo: request.repo,
    pr: request.pr,
    headSha: request.headSha,
    planIds: currentPlans.map((plan) => plan.id),
    decision: verdict.decision,
    approver: {
      slackId: click.slackUserId,
      name,
      ...(githubLogin && { githubLogin }),
      ...(clickerEmail && { email: clickerEmail }),
    },
    decidedAt: services.clock.now(),
    source: 'slack',
  });
  if (!recorded) {
    if (click.channelId) {
      await slack.client.postEphemeral({
        channel: click.channelId,
        user: click.slackUserId,
        text: ALREADY_RECORDED,
      });
    }
    return 'replayed click: already recorded';
  }
  await services.store.audit({
    at: services.clock.now(),
    actor: `slack:${click.slackUserId} (${name})`,
    action: verdict.decision === 'approved' ? 'approve' : 'reject',
    repo: request.repo,
    pr: request.pr,
    sha: request.headSha,
    outcome: 'recorded',
    detail: { planIds: currentPlans.map((plan) => plan.id) },
  });
  const decisions = await services.store.listDecisions({
    repo: request.repo,
    pr: request.pr,
    headSha: request.headSha,
  });
  const state = approvalState(decisions, approvals.required);
  await reply(octokit, {
    ...target,
    issue_number: request.pr,
    body: renderDecisionComment({
      decision: verdict.decision,
      name,
      headSha: request.headSha,
      approval: state,
      ...(githubLogin && { githubLogin }),
    }),
  });
  // Re-render the Slack message and the approval status from the stored request (a job, so Slack outages retry).
  const message = await services.store.getApprovalMessage({
    repo: request.repo,
    pr: request.pr,
    headSha: request.headSha,
  });
  if (message?.request) {
    await services.store.enqueue({
      kind: JOB_KINDS.requestApproval,
      payload: message.request as RequestApprovalPayload,
      concurrencyKey: `approval:${request.repo}#${request.pr}`,
      retryPolicy: 'retry',
    });
    services.notifyWorker();
  }
  return `${verdict.decision} by ${name}`;
}

/**
 * The head SHAs infra-bot planned for the PR (its plan audit entries), plus the clicked one when an approval
 * request or a plan exists for it: a button naming a commit outside these was forged or is not ours.
 */
async function plannedHeadShas(
  services: Deps<never, 'listAudit' | 'getApprovalMessage' | 'latestPlans'>,
  input: { repo: string; pr: number; headSha: string },
): Promise<string[]> {
  const audited = await services.store.listAudit({ repo: input.repo, pr: input.pr, action: 'plan', limit: 1000 });
  const shas = new Set(audited.filter((entry) => entry.outcome !== 'locked').flatMap((entry) => entry.sha ?? []));
  if (shas.has(input.headSha)) return [...shas];
  const [message, plans] = await Promise.all([
    services.store.getApprovalMessage(input),
    services.store.latestPlans(input),
  ]);
  if (message || plans.length > 0) shas.add(input.headSha);
  return [...shas];
}

async function approverGroupMembership(
  services: Deps<'okta' | 'log'>,
  group: string | undefined,
  email: string | undefined,
): Promise<boolean | undefined> {
  if (!group) return false;
  if (!email || !services.okta) return undefined;
  try {
    return await services.okta.isMemberOfGroupNamed(email, group);
  } catch (error) {
    services.log.warn({ err: error, group }, 'Okta approver-group lookup failed');
    return undefined;
  }
}

/** The PR author's public GitHub email, to recognise them in Slack; none when private. */
async function authorEmails(octokit: GitHubClient, login: string | undefined): Promise<string[]> {
  if (!login) return [];
  try {
    const email = await getPublicEmail(octokit, login);
    return email ? [email] : [];
  } catch {
    return [];
  }
}

/** `Requested by @login` in the body of a PR infra-bot opened (self-service, expiry). */
export function requesterOf(login: string | undefined, body: string | null | undefined): string | undefined {
  if (!login?.endsWith('[bot]')) return undefined;
  return /Requested by @([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/.exec(body ?? '')?.[1];
}
