// A signed Slack Approve click (block_actions), as Slack posts it to /slack/events.
import { createHmac } from 'node:crypto';
import { APPROVE_ACTION_ID } from '../src/slack/approval-click.js';
import { encodeApprovalValue } from '../src/approval/approval-value.js';

export function clickRequest(signingSecret: string, i: number): { body: string; headers: Record<string, string> } {
  const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: 'a'.repeat(40), planIds: ['plan-1'] });
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0TEST' },
    team: { id: 'T0TEST', domain: 'acme' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0APPROVALS' },
    channel: { id: 'C0APPROVALS' },
    actions: [{ action_id: APPROVE_ACTION_ID, type: 'button', value, action_ts: `1700000100.${i}` }],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}
