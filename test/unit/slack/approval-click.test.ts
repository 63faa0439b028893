import { describe, expect, it } from '@jest/globals';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID, toApprovalClick } from '../../../src/slack/approval-click.js';
import { blockActionsPayload } from '../../doubles/slack/interactions.js';

const payload = (over: Record<string, unknown> = {}) => ({
  ...blockActionsPayload({ actionId: APPROVE_ACTION_ID, value: 'v', userId: 'U0ALICE' }),
  ...over,
});

describe('toApprovalClick', () => {
  it('an Approve click › who, where and what, without the response_url', () => {
    const click = toApprovalClick(payload());
    expect(click).toEqual({
      action: 'approve',
      value: 'v',
      slackUserId: 'U0ALICE',
      slackUserName: 'u0alice',
      teamId: 'T0TEST',
      userTeamId: 'T0TEST',
      channelId: 'C0APPROVALS',
      messageTs: '1700000000.000100',
      actionTs: '1700000100.000200',
    });
    expect(JSON.stringify(click)).not.toContain('hooks.slack.com');
  });

  it('a Reject click › action reject', () => {
    const click = toApprovalClick(blockActionsPayload({ actionId: REJECT_ACTION_ID, value: 'v', userId: 'U0B' }));
    expect(click?.action).toBe('reject');
  });

  it('an enterprise payload › carries the enterprise id', () => {
    expect(toApprovalClick(payload({ enterprise: { id: 'E0ACME' } }))?.enterpriseId).toBe('E0ACME');
  });

  it.each([
    ['not an object', 'payload'],
    ['another interaction type', { ...payload(), type: 'view_submission' }],
    ['another button', blockActionsPayload({ actionId: 'other', value: 'v', userId: 'U0A' })],
    ['two actions at once', { ...payload(), actions: [payload().actions, payload().actions].flat() }],
    ['no user id', { ...payload(), user: {} }],
    ['a value that is not text', { ...payload(), actions: [{ ...(payload().actions as object[])[0], value: 1 }] }],
    ['no action time', { ...payload(), actions: [{ ...(payload().actions as object[])[0], action_ts: '' }] }],
  ])('%s › not an approval click', (_name, body) => {
    expect(toApprovalClick(body)).toBeUndefined();
  });
});
