// The approval message after a decision (sent with chat.update): once approved or rejected, the buttons give way to
// who decided and when; while more approvals are needed, the buttons stay under an "N of M approvals" line.
import type { KnownBlock } from '@slack/types';
import type { ApprovalState } from '../approval/approval-rules.js';
import { escapeMrkdwn, joinWords, mention, slackDate } from './mrkdwn.js';
import {
  approvalBodyBlocks,
  approvalButtons,
  renderApprovalRequest,
  type ApprovalRequestInput,
  type SlackMessage,
} from './render-approval-request.js';

const plainName = (who: { name: string }): string => escapeMrkdwn(who.name.replace(/\s+/g, ' '));
const where = (input: ApprovalRequestInput): string => `${input.repo}#${input.pr}`;
const at = (date: Date | undefined): string => (date === undefined ? '' : ` at ${slackDate(date)}`);

const outcomeSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function renderDecision(input: ApprovalRequestInput, state: ApprovalState): SlackMessage {
  const progress = `${state.approvers.length} of ${state.required} approvals`;
  if (state.state === 'rejected') {
    const by = state.rejectedBy ?? { name: 'an approver' };
    return {
      text: `Rejected by ${plainName(by)}: ${where(input)}`,
      blocks: [
        ...approvalBodyBlocks(input, `⛔ Rejected: ${where(input)}`, false),
        outcomeSection(`⛔ Rejected by ${mention(by)}${at(state.decidedAt)}`),
      ],
    };
  }
  if (state.state === 'approved') {
    const names = joinWords(state.approvers.map(mention));
    const count = state.required > 1 ? ` (${progress})` : '';
    return {
      text: `Approved by ${joinWords(state.approvers.map(plainName))}: ${where(input)}`,
      blocks: [
        ...approvalBodyBlocks(input, `✅ Approved: ${where(input)}`, false),
        outcomeSection(`✅ Approved by ${names}${at(state.decidedAt)}${count}`),
      ],
    };
  }
  if (state.approvers.length === 0) return renderApprovalRequest(input);
  const request = renderApprovalRequest(input);
  return {
    text: `${progress}: ${where(input)}`,
    blocks: [
      ...request.blocks.slice(0, -1),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `✅ ${progress}: ${joinWords(state.approvers.map(mention))}` }],
      },
      approvalButtons(input),
    ],
  };
}
