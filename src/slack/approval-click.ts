// A click on an approval button, as the queue carries it: plain JSON, only what the checks need. The response_url
// is left out on purpose: it is a bearer URL (anyone holding it can post to the channel for 30 minutes).

export const APPROVE_ACTION_ID = 'infra_bot_approve';
export const REJECT_ACTION_ID = 'infra_bot_reject';
export const APPROVAL_BLOCK_ID = 'infra_bot_approval';

export type ApprovalAction = 'approve' | 'reject';

export interface ApprovalClick {
  action: ApprovalAction;
  /** The button's value (see src/approval/approval-value.ts), not decoded yet. */
  value: string;
  slackUserId: string;
  slackUserName?: string;
  /** The workspace the click happened in (`team.id`). */
  teamId?: string;
  /** The clicker's own workspace (`user.team_id`): differs from teamId for a guest from a shared channel. */
  userTeamId?: string;
  enterpriseId?: string;
  channelId?: string;
  messageTs?: string;
  /** Slack's time of the click ("1700000000.000100"). */
  actionTs: string;
}

const ACTIONS: Record<string, ApprovalAction> = { [APPROVE_ACTION_ID]: 'approve', [REJECT_ACTION_ID]: 'reject' };

export const isApprovalActionId = (id: unknown): boolean => typeof id === 'string' && id in ACTIONS;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/**
 * Reads the approval click out of a `block_actions` payload; undefined when the payload is anything else (another
 * button, a modal, an event) or lacks what every click carries (user id, action time).
 */
export function toApprovalClick(payload: unknown): ApprovalClick | undefined {
  const body = record(payload);
  if (body.type !== 'block_actions' || !Array.isArray(body.actions) || body.actions.length !== 1) return undefined;
  const button = record(body.actions[0]);
  const action = typeof button.action_id === 'string' ? ACTIONS[button.action_id] : undefined;
  const user = record(body.user);
  const slackUserId = text(user.id);
  const value = typeof button.value === 'string' ? button.value : undefined;
  const actionTs = text(button.action_ts);
  if (action === undefined || slackUserId === undefined || value === undefined || actionTs === undefined)
    return undefined;
  const container = record(body.container);
  const optional = {
    slackUserName: text(user.username) ?? text(user.name),
    teamId: text(record(body.team).id),
    userTeamId: text(user.team_id),
    enterpriseId: text(record(body.enterprise).id),
    channelId: text(record(body.channel).id) ?? text(container.channel_id),
    messageTs: text(container.message_ts) ?? text(record(body.message).ts),
  };
  const click: ApprovalClick = { action, value, slackUserId, actionTs };
  for (const [key, v] of Object.entries(optional)) if (v !== undefined) Object.assign(click, { [key]: v });
  return click;
}
