// The approval request posted to `approvals.slackChannel` after a successful plan. Pure: same input, same blocks.
// Slack's limits are respected here rather than discovered in production: header ≤ 150 characters, section text
// ≤ 3,000, button value ≤ 2,000 (see src/approval/approval-value.ts), ≤ 50 blocks.
import type { ActionsBlock, KnownBlock } from '@slack/types';
import { shortCounts } from '../plan/render-counts.js';
import type { PlanCounts } from '../plan/summarize-plan.js';
import { APPROVAL_BLOCK_ID, APPROVE_ACTION_ID, REJECT_ACTION_ID } from './approval-click.js';
import { encodeApprovalValue } from '../approval/approval-value.js';
import { clip, escapeMrkdwn, mrkdwnCode, mrkdwnLink, shortSha, slackDate } from './mrkdwn.js';

export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;

export interface StackCounts {
  stack: string;
  counts: PlanCounts;
}

/** When a spec's resources go away: `ttl` counts from the first apply, `expiresAt` is a fixed time. */
export interface SpecExpiry {
  /** `Kind/name` */
  spec: string;
  ttl?: string;
  expiresAt?: Date;
}

export interface ApprovalRequestInput {
  /** `owner/repo` */
  repo: string;
  pr: number;
  title: string;
  url: string;
  /** GitHub login of the PR author. */
  author: string;
  headSha: string;
  planIds: string[];
  stacks: StackCounts[];
  /** Slack mrkdwn written by the app (who gains which access, what is created…); user strings already escaped. */
  intentSummary: string;
  expiries: SpecExpiry[];
  /** `approvals.required` */
  required: number;
}

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
}

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) },
});

export const headerBlock = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, MAX_HEADER_TEXT), emoji: true },
});

/** Title, link, author and head: the part every version of the message keeps. */
export function introBlock(
  input: Pick<ApprovalRequestInput, 'repo' | 'pr' | 'title' | 'url' | 'author' | 'headSha'>,
): KnownBlock {
  const where = `${escapeMrkdwn(input.repo)}#${input.pr}`;
  return section(
    `*${mrkdwnLink(input.url, input.title)}*\n${where} by ${mrkdwnCode(input.author)} · head ${mrkdwnCode(shortSha(input.headSha))}`,
  );
}

function countsText(stacks: readonly StackCounts[]): string {
  const title = `*Changes in ${stacks.length} stack${stacks.length === 1 ? '' : 's'}* (+create ~update -destroy ±replace)`;
  const lines = [title];
  let length = title.length;
  for (const [i, { stack, counts }] of stacks.entries()) {
    const line = `• ${mrkdwnCode(stack)} ${shortCounts(counts)}`;
    // keep room for the "and N more" line so the section never passes Slack's limit
    if (length + line.length + 1 > MAX_SECTION_TEXT - 60) {
      lines.push(`…and ${stacks.length - i} more (see the PR comment)`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

function expiryText(expiries: readonly SpecExpiry[]): string {
  if (expiries.length === 0) return '⏳ Expiry: none (resources stay until their specs are removed)';
  const parts = expiries.map(({ spec, ttl, expiresAt }) => {
    const when = expiresAt !== undefined ? `at ${slackDate(expiresAt)}` : `${escapeMrkdwn(ttl ?? '?')} after apply`;
    return `${mrkdwnCode(spec)} ${when}`;
  });
  return clip(`⏳ Expiry: ${parts.join(' · ')}`, MAX_SECTION_TEXT);
}

/** Everything above the buttons: header, intro, counts, intent summary, expiry (and, while open, approvals needed). */
export function approvalBodyBlocks(input: ApprovalRequestInput, header: string, open = true): KnownBlock[] {
  const blocks: KnownBlock[] = [headerBlock(header), introBlock(input), section(countsText(input.stacks))];
  if (input.intentSummary.trim() !== '') blocks.push(section(input.intentSummary));
  const context: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: expiryText(input.expiries) }] };
  if (open)
    context.elements.push({
      type: 'mrkdwn',
      text: `Needs ${input.required} approval${input.required === 1 ? '' : 's'}`,
    });
  blocks.push(context);
  return blocks;
}

export function approvalButtons(input: ApprovalRequestInput): ActionsBlock {
  const value = encodeApprovalValue(input);
  return {
    type: 'actions',
    block_id: APPROVAL_BLOCK_ID,
    elements: [
      {
        type: 'button',
        action_id: APPROVE_ACTION_ID,
        text: { type: 'plain_text', text: 'Approve', emoji: true },
        style: 'primary',
        value,
        confirm: {
          title: { type: 'plain_text', text: 'Approve this plan?' },
          text: {
            type: 'mrkdwn',
            text: clip(
              `infra-bot may then apply this plan of ${escapeMrkdwn(input.repo)}#${input.pr} (head ${shortSha(input.headSha)}).`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
      {
        type: 'button',
        action_id: REJECT_ACTION_ID,
        text: { type: 'plain_text', text: 'Reject', emoji: true },
        style: 'danger',
        value,
      },
    ],
  };
}

export function renderApprovalRequest(input: ApprovalRequestInput): SlackMessage {
  const where = `${input.repo}#${input.pr}`;
  return {
    text: `Approval needed for ${where}: ${escapeMrkdwn(input.title)}`,
    blocks: [...approvalBodyBlocks(input, `🛂 Approval needed: ${where}`), approvalButtons(input)],
  };
}
