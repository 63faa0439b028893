import { describe, expect, it } from '@jest/globals';
import type { KnownBlock } from '@slack/types';
import { emptyCounts, type PlanCounts } from '../../../src/plan/summarize-plan.js';
import type { ApprovalState } from '../../../src/approval/approval-rules.js';
import { decodeApprovalValue } from '../../../src/approval/approval-value.js';
import { renderApprovalRequest, type ApprovalRequestInput } from '../../../src/slack/render-approval-request.js';
import { renderDecision } from '../../../src/slack/render-decision.js';
import type { RefusalReason } from '../../../src/approval/refusal.js';
import { refusalText } from '../../../src/slack/render-refusal.js';
import { renderSuperseded } from '../../../src/slack/render-superseded.js';
import { blockErrors } from '../../doubles/slack/block-limits.js';

const counts = (over: Partial<PlanCounts>): PlanCounts => ({ ...emptyCounts(), ...over });
const HEAD = '0123456789abcdef0123456789abcdef01234567';
const T = new Date('2030-01-01T09:30:00Z');

const request: ApprovalRequestInput = {
  repo: 'acme/infra',
  pr: 42,
  title: 'Add devbox for Bruce',
  url: 'https://github.com/acme/infra/pull/42',
  author: 'bruce',
  headSha: HEAD,
  planIds: ['plan-identity', 'plan-ec2'],
  stacks: [
    { stack: 'identity', counts: counts({ create: 2, update: 1 }) },
    { stack: 'ec2-bruce-devbox', counts: counts({ create: 3 }) },
  ],
  intentSummary: '*Access*\n• `bruce.lee@demoac.com` joins `infra-admins`\n*Created*\n• EC2 `bruce-devbox` (t3.micro)',
  expiries: [
    { spec: 'Ec2Instance/bruce-devbox', ttl: '3m' },
    { spec: 'S3Bucket/logs', expiresAt: new Date('2030-12-31T18:00:00Z') },
  ],
  required: 1,
};

const alice = { slackId: 'U0ALICE', name: 'Alice' };
const carol = { slackId: 'U0CAROL', name: 'Carol' };
const textOf = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const buttons = (blocks: KnownBlock[]) => blocks.filter((b) => b.type === 'actions');

describe('renderApprovalRequest', () => {
  it('matches the snapshot (header, PR, author, counts, summary, expiry, buttons)', () => {
    expect(renderApprovalRequest(request)).toMatchSnapshot();
  });

  it('the buttons › Approve (primary) and Reject (danger) carry the PR, head and plans', () => {
    const [actions] = buttons(renderApprovalRequest(request).blocks);
    const elements = (actions as { elements: Array<{ style: string; value: string }> }).elements;
    expect(elements.map((e) => e.style)).toEqual(['primary', 'danger']);
    expect(decodeApprovalValue(elements[0]!.value)).toEqual({
      repo: 'acme/infra',
      pr: 42,
      headSha: HEAD,
      plans: { ids: ['plan-ec2', 'plan-identity'] },
    });
  });

  it('a PR title with mentions and links › shown as text, never as a ping or link', () => {
    const message = renderApprovalRequest({ ...request, title: '<!channel> see <https://evil.test|here> & more' });
    expect(textOf(message.blocks)).not.toContain('<!channel>');
    expect(textOf(message.blocks)).toContain('&lt;!channel&gt; see &lt;https://evil.test|here&gt; &amp; more');
    expect(message.text).not.toContain('<!channel>');
  });

  it('400 stacks, a huge summary and title › within every Slack limit', () => {
    const big: ApprovalRequestInput = {
      ...request,
      title: 'x'.repeat(500),
      stacks: Array.from({ length: 400 }, (_, i) => ({ stack: `ec2-box-${i}`, counts: counts({ create: i }) })),
      planIds: Array.from({ length: 400 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      intentSummary: 'y'.repeat(10_000),
      expiries: Array.from({ length: 400 }, (_, i) => ({ spec: `Ec2Instance/box-${i}`, ttl: '1d' })),
    };
    const message = renderApprovalRequest(big);
    expect(blockErrors(message.blocks)).toEqual([]);
    expect(textOf(message.blocks)).toContain('more (see the PR comment)');
  });
});

describe('renderDecision', () => {
  const approved: ApprovalState = { state: 'approved', approvers: [alice], required: 1, needed: 0, decidedAt: T };

  it('approved › buttons replaced by who and when (snapshot)', () => {
    const message = renderDecision(request, approved);
    expect(buttons(message.blocks)).toEqual([]);
    expect(message).toMatchSnapshot();
  });

  it('rejected › buttons replaced by "Rejected by" (snapshot)', () => {
    const rejected: ApprovalState = {
      state: 'rejected',
      approvers: [],
      rejectedBy: carol,
      required: 1,
      needed: 1,
      decidedAt: T,
    };
    const message = renderDecision(request, rejected);
    expect(buttons(message.blocks)).toEqual([]);
    expect(message).toMatchSnapshot();
  });

  it('1 of 2 approvals › progress shown, buttons kept for the second approver', () => {
    const pending: ApprovalState = { state: 'pending', approvers: [alice], required: 2, needed: 1 };
    const message = renderDecision({ ...request, required: 2 }, pending);
    expect(buttons(message.blocks)).toHaveLength(1);
    expect(textOf(message.blocks)).toContain('✅ 1 of 2 approvals: <@U0ALICE>');
  });

  it('2 of 2 approvals › both approvers named', () => {
    const state: ApprovalState = { state: 'approved', approvers: [alice, carol], required: 2, needed: 0, decidedAt: T };
    const section = renderDecision({ ...request, required: 2 }, state).blocks.at(-1);
    expect(JSON.stringify(section)).toContain(
      '✅ Approved by <@U0ALICE> and <@U0CAROL> at <!date^1893490200^{date_short_pretty} at {time}|2030-01-01 09:30 UTC> (2 of 2 approvals)',
    );
  });

  it('no approvals yet › the request unchanged', () => {
    expect(renderDecision(request, { state: 'pending', approvers: [], required: 1, needed: 1 })).toEqual(
      renderApprovalRequest(request),
    );
  });
});

describe('renderSuperseded', () => {
  it('names the newer push and drops the buttons (snapshot)', () => {
    const message = renderSuperseded(request, 'abc1234def'.padEnd(40, '0'));
    expect(buttons(message.blocks)).toEqual([]);
    expect(textOf(message.blocks)).toContain('Superseded by a newer push (abc1234)');
    expect(message).toMatchSnapshot();
  });
});

describe('refusalText', () => {
  it.each<RefusalReason>([
    'invalid-value',
    'wrong-workspace',
    'not-an-approver',
    'approver-unverified',
    'self-approval',
    'unknown-identity',
    'superseded',
  ])('%s › a sentence that says what happened (snapshot)', (reason) => {
    expect(
      refusalText(reason, {
        pullRequest: 'acme/infra#42',
        approvers: ['U0ALICE'],
        approverOktaGroup: 'infra-approvers',
        currentHeadSha: 'f'.repeat(40),
      }),
    ).toMatchSnapshot();
  });
});
