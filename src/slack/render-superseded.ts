// The approval message once a newer push replaced its plan: no buttons, no counts (they describe an old commit),
// only what it was and what replaced it.
import { headerBlock, introBlock, type ApprovalRequestInput, type SlackMessage } from './render-approval-request.js';
import { shortSha } from './mrkdwn.js';

export function renderSuperseded(
  input: Pick<ApprovalRequestInput, 'repo' | 'pr' | 'title' | 'url' | 'author' | 'headSha'>,
  newHeadSha: string,
): SlackMessage {
  const line = `Superseded by a newer push (${shortSha(newHeadSha)})`;
  return {
    text: `${line}: ${input.repo}#${input.pr}`,
    blocks: [
      headerBlock(`⏭️ Superseded: ${input.repo}#${input.pr}`),
      introBlock(input),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `⏭️ ${line}; approvals given here no longer count.` }],
      },
    ],
  };
}
