// Who may decide, and what the decisions add up to. Pure: every fact (group membership, identity mapping, the PR's
// current head and plans) is looked up by the caller and passed in, so each rule is a table row in the tests.
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { Approver, Decision, DecisionRecord } from '../store/records.js';
import { ApprovalValueError, decodeApprovalValue, matchesPlans, type ApprovalValue } from './approval-value.js';
import type { RefusalContext, RefusalReason } from './refusal.js';

export type ApprovalsConfig = RepoConfig['approvals'];

/** What the rules read of a click (slack/approval-click.ts reads it out of Slack's payload). */
export interface ClickFields {
  action: 'approve' | 'reject';
  /** The button's value (approval-value.ts), not decoded yet. */
  value: string;
  slackUserId: string;
  /** The workspace the click happened in. */
  teamId?: string;
  /** The clicker's own workspace (differs from teamId for a guest from a shared channel). */
  userTeamId?: string;
}

export interface ClickFacts {
  click: ClickFields;
  /** The bot's workspace (`auth.test` team_id); unset: not checked. */
  expectedTeamId?: string;
  config: ApprovalsConfig;
  /** The clicker's Slack profile email. */
  clickerEmail?: string;
  /** Whether clickerEmail is in `approverOktaGroup`; undefined when it could not be looked up. */
  isInApproverGroup: boolean | undefined;
  prAuthor: { login: string; emails?: readonly string[] };
  /** The clicker's GitHub login from the Slack → GitHub mapping (verified email or configured map), if known. */
  clickerGithubLogin?: string;
  currentHeadSha: string;
  /**
   * Head SHAs infra-bot planned or asked approval for on this PR (the current head counts too); unset: not
   * checked. A button naming any other commit was not written by infra-bot.
   */
  plannedHeadShas?: readonly string[];
  /** Ids of the PR's current plans: what a fresh approval request would carry. */
  planIdsCurrent: readonly string[];
}

export type ClickVerdict =
  | { allowed: true; decision: Decision; request: ApprovalValue }
  /** `refusal`: the facts the refusal's words need (slack/render-refusal.ts). */
  | { allowed: false; reason: RefusalReason; refusal: RefusalContext };

const lower = (s: string): string => s.trim().toLowerCase();

function refuse(reason: RefusalReason, ctx: RefusalContext): ClickVerdict {
  return { allowed: false, reason, refusal: ctx };
}

function isAuthor(facts: ClickFacts): boolean | undefined {
  const { clickerGithubLogin, clickerEmail, prAuthor } = facts;
  const sameLogin = clickerGithubLogin !== undefined && lower(clickerGithubLogin) === lower(prAuthor.login);
  const sameEmail =
    clickerEmail !== undefined && (prAuthor.emails ?? []).some((email) => lower(email) === lower(clickerEmail));
  if (sameLogin || sameEmail) return true;
  // different emails prove nothing (one person, two addresses): only a known login clears the clicker
  return clickerGithubLogin === undefined ? undefined : false;
}

/**
 * Checks one click, in this order: a value we wrote, the right workspace, a commit we planned, an allowed approver, not the author
 * (approvals only: anyone allowed may reject), and a plan that is still current.
 */
export function decideClick(facts: ClickFacts): ClickVerdict {
  const { click, config } = facts;
  const ctx: RefusalContext = { approvers: config.approvers, approverOktaGroup: config.approverOktaGroup };
  let request: ApprovalValue;
  try {
    request = decodeApprovalValue(click.value);
  } catch (error) {
    if (error instanceof ApprovalValueError) return refuse('invalid-value', ctx);
    throw error;
  }
  ctx.pullRequest = `${request.repo}#${request.pr}`;

  if (facts.expectedTeamId !== undefined) {
    const teams = [click.teamId, click.userTeamId].filter((t) => t !== undefined);
    if (teams.length === 0 || teams.some((t) => t !== facts.expectedTeamId)) return refuse('wrong-workspace', ctx);
  }

  if (facts.plannedHeadShas !== undefined && !facts.plannedHeadShas.includes(request.headSha))
    return refuse('unknown-commit', { ...ctx, requestedSha: request.headSha });

  if (!config.approvers.includes(click.slackUserId)) {
    if (config.approverOktaGroup === undefined || facts.isInApproverGroup === false)
      return refuse('not-an-approver', ctx);
    if (facts.isInApproverGroup === undefined) return refuse('approver-unverified', ctx);
  }

  if (click.action === 'approve' && !config.allowSelfApproval) {
    const author = isAuthor(facts);
    if (author === true) return refuse('self-approval', ctx);
    if (author === undefined) return refuse('unknown-identity', ctx);
  }

  const sameHead = request.headSha === facts.currentHeadSha;
  if (!sameHead || !matchesPlans(request.plans, facts.planIdsCurrent))
    return refuse('superseded', { ...ctx, currentHeadSha: facts.currentHeadSha, replanned: sameHead });

  return { allowed: true, decision: click.action === 'approve' ? 'approved' : 'rejected', request };
}

export interface ApprovalState {
  state: 'approved' | 'rejected' | 'pending';
  /** Distinct people who approved, first first. */
  approvers: Approver[];
  rejectedBy?: Approver;
  required: number;
  /** Approvals still missing (0 once approved). */
  needed: number;
  /** When the outcome was reached: the rejection, or the approval that made `required`. */
  decidedAt?: Date;
}

function identities(approver: Approver): string[] {
  const keys: string[] = [];
  if (approver.slackId) keys.push(`slack:${approver.slackId}`);
  if (approver.githubLogin) keys.push(`github:${lower(approver.githubLogin)}`);
  if (approver.email) keys.push(`email:${lower(approver.email)}`);
  return keys;
}

/**
 * What the decisions on one head SHA add up to. Stale decisions do not count; a person counts once, with their
 * first decision (one person may show up under a Slack id and a GitHub login: any shared identity is the same
 * person); any reject rejects; otherwise `required` distinct approvers approve.
 */
export function approvalState(decisions: readonly DecisionRecord[], required: number): ApprovalState {
  if (!Number.isInteger(required) || required < 1) throw new RangeError(`required must be ≥ 1, got ${required}`);
  const seen = new Set<string>();
  const firsts: DecisionRecord[] = [];
  const ordered = decisions.filter((d) => !d.stale).sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  for (const decision of ordered) {
    const keys = identities(decision.approver);
    if (keys.length === 0 || keys.some((key) => seen.has(key))) continue;
    keys.forEach((key) => seen.add(key));
    firsts.push(decision);
  }
  const approvals = firsts.filter((d) => d.decision === 'approved');
  const approvers = approvals.map((d) => d.approver);
  const rejection = firsts.find((d) => d.decision === 'rejected');
  if (rejection !== undefined) {
    return {
      state: 'rejected',
      approvers,
      rejectedBy: rejection.approver,
      required,
      needed: Math.max(0, required - approvers.length),
      decidedAt: rejection.decidedAt,
    };
  }
  if (approvals.length >= required)
    return { state: 'approved', approvers, required, needed: 0, decidedAt: approvals[required - 1]!.decidedAt };
  return { state: 'pending', approvers, required, needed: required - approvals.length };
}
