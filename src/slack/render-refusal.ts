// What a refused clicker sees, ephemerally (only them, only now). Each text says why and what to do instead.
import type { RefusalContext, RefusalReason } from '../approval/refusal.js';
import { escapeMrkdwn, joinWords, mention, mrkdwnCode, shortSha } from './mrkdwn.js';

function whoMayApprove(ctx: RefusalContext): string {
  const who = (ctx.approvers ?? []).map((slackId) => mention({ slackId, name: slackId }));
  if (ctx.approverOktaGroup !== undefined) who.push(`members of the Okta group ${mrkdwnCode(ctx.approverOktaGroup)}`);
  return who.length === 0 ? 'nobody yet: the repository config lists no approvers' : joinWords(who);
}

export function refusalText(reason: RefusalReason, ctx: RefusalContext = {}): string {
  const pr = ctx.pullRequest === undefined ? 'this pull request' : escapeMrkdwn(ctx.pullRequest);
  switch (reason) {
    case 'invalid-value':
      return '🚫 This button is not a valid infra-bot approval request; nothing was recorded.';
    case 'wrong-workspace':
      return `🚫 Approvals for ${pr} are only taken in the workspace infra-bot posted them to; nothing was recorded.`;
    case 'not-an-approver':
      return `🚫 You are not an approver for ${pr}. Who may approve: ${whoMayApprove(ctx)}.`;
    case 'approver-unverified':
      return (
        `⚠️ infra-bot could not check whether you belong to the Okta group ${mrkdwnCode(ctx.approverOktaGroup ?? '?')} ` +
        '(no email on your Slack profile, or Okta did not answer). Nothing was recorded; try again in a minute.'
      );
    case 'self-approval':
      return `🚫 You opened ${pr}, so you cannot approve it yourself: ask another approver.`;
    case 'unknown-identity':
      return (
        `🚫 infra-bot cannot match your Slack account to a GitHub account, so it cannot check that you are not the ` +
        `author of ${pr}. Nothing was recorded: ask an admin to map your account, or another approver to approve.`
      );
    case 'unknown-commit':
      return `🚫 This approval request names commit ${shortSha(ctx.requestedSha ?? '?')}, which infra-bot never planned for ${pr}; nothing was recorded.`;
    case 'superseded': {
      const newer =
        ctx.replanned === true || ctx.currentHeadSha === undefined
          ? 'it was planned again'
          : `a newer push (${shortSha(ctx.currentHeadSha)}) replaces it`;
      return `⏭️ This plan of ${pr} is out of date: ${newer}. A newer plan exists: use the newest approval request.`;
    }
  }
}
