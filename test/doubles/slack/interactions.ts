// Slack interactions as Slack sends them: a form-encoded `payload=<JSON>` body signed with the app's signing secret
// (https://docs.slack.dev/authentication/verifying-requests-from-slack): `v0=` + hex HMAC-SHA256 of
// `v0:<timestamp>:<raw body>`, with the timestamp in X-Slack-Request-Timestamp.
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signs a raw body; `timestamp` in Unix seconds (default now). */
export function signRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): SignedRequest {
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(signingSecret, timestamp, body),
    },
  };
}

export const interactionBody = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export interface BlockActionsInput {
  actionId: string;
  value: string;
  userId: string;
  userName?: string;
  teamId?: string;
  /** The clicker's own workspace; default teamId. */
  userTeamId?: string;
  channelId?: string;
  messageTs?: string;
  actionTs?: string;
}

/** A `block_actions` payload shaped like Slack's for a button in a channel message. */
export function blockActionsPayload(input: BlockActionsInput): Record<string, unknown> {
  const teamId = input.teamId ?? 'T0TEST';
  const channelId = input.channelId ?? 'C0APPROVALS';
  const messageTs = input.messageTs ?? '1700000000.000100';
  const userName = input.userName ?? input.userId.toLowerCase();
  return {
    type: 'block_actions',
    user: { id: input.userId, username: userName, name: userName, team_id: input.userTeamId ?? teamId },
    api_app_id: 'A0INFRABOT',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: '1234567890.1234567890.abcdef',
    team: { id: teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'infra-approvals' },
    message: { type: 'message', ts: messageTs, text: 'Approval needed', bot_id: 'B0INFRABOT', blocks: [] },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${teamId}/1/secret`,
    actions: [
      {
        action_id: input.actionId,
        block_id: 'infra_bot_approval',
        text: { type: 'plain_text', text: input.actionId.endsWith('approve') ? 'Approve' : 'Reject', emoji: true },
        value: input.value,
        type: 'button',
        action_ts: input.actionTs ?? '1700000100.000200',
      },
    ],
  };
}

export interface SendOptions {
  signingSecret: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the computed signature (for bad-signature tests). */
  signature?: string;
  /** Leave these headers out. */
  omit?: string[];
}

/** POSTs a signed interaction to `url` over HTTP, like Slack does. */
export async function sendInteraction(
  url: string,
  payloadOrBody: unknown,
  options: SendOptions,
): Promise<{ status: number; text: string }> {
  const body = typeof payloadOrBody === 'string' ? payloadOrBody : interactionBody(payloadOrBody);
  const signed = signRequest(options.signingSecret, body, options.timestamp);
  const headers = {
    ...signed.headers,
    ...(options.signature === undefined ? {} : { 'x-slack-signature': options.signature }),
  };
  for (const name of options.omit ?? []) delete headers[name as keyof typeof headers];
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}
