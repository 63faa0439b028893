import { describe, expect, it } from '@jest/globals';
import { defaultRepoConfig } from '../../../src/config/repo-config-schema.js';
import type { DecisionRecord } from '../../../src/store/records.js';
import {
  approvalState,
  decideClick,
  type ApprovalsConfig,
  type ClickFacts,
} from '../../../src/approval/approval-rules.js';
import { encodeApprovalValue } from '../../../src/approval/approval-value.js';
import { refusalText } from '../../../src/slack/render-refusal.js';

const HEAD = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);
const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: HEAD, planIds: ['p1', 'p2'] });
const config = (over: Partial<ApprovalsConfig> = {}): ApprovalsConfig => ({
  ...defaultRepoConfig().approvals,
  slackChannel: 'C0APPROVALS',
  approvers: ['U0ALICE', 'U0BRUCE'],
  ...over,
});

/** Alice, a listed approver, approves Bruce's PR, at the current head and plans. */
const facts = (over: Partial<ClickFacts> = {}, click: Partial<ClickFacts['click']> = {}): ClickFacts => ({
  click: { slackUserId: 'U0ALICE', teamId: 'T0ACME', action: 'approve', value, ...click },
  expectedTeamId: 'T0ACME',
  config: config(),
  clickerEmail: 'alice@acme.test',
  isInApproverGroup: undefined,
  prAuthor: { login: 'bruce', emails: ['bruce@acme.test'] },
  clickerGithubLogin: 'alice-gh',
  currentHeadSha: HEAD,
  planIdsCurrent: ['p2', 'p1'],
  ...over,
});

/** name, facts, expected outcome ("allowed" or the refusal reason) */
const table: Array<[string, ClickFacts, string]> = [
  ['a listed approver, not the author', facts(), 'allowed'],
  ['a listed approver rejecting', facts({}, { action: 'reject' }), 'allowed'],
  [
    'a member of the Okta approver group',
    facts({ config: config({ approvers: [], approverOktaGroup: 'infra-approvers' }), isInApproverGroup: true }),
    'allowed',
  ],
  ['someone not listed, no group configured', facts({}, { slackUserId: 'U0MALLORY' }), 'not-an-approver'],
  [
    'someone outside the Okta group',
    facts({ config: config({ approvers: [], approverOktaGroup: 'infra-approvers' }), isInApproverGroup: false }),
    'not-an-approver',
  ],
  [
    'group membership unknown (no email, Okta down)',
    facts({ config: config({ approvers: [], approverOktaGroup: 'infra-approvers' }), isInApproverGroup: undefined }),
    'approver-unverified',
  ],
  ['no approvers configured at all', facts({ config: config({ approvers: [] }) }), 'not-an-approver'],
  ['the author (by GitHub login, any case)', facts({ clickerGithubLogin: 'Bruce' }), 'self-approval'],
  [
    'the author (by email, with another login mapping)',
    facts({ clickerEmail: 'BRUCE@acme.test', clickerGithubLogin: 'bruce-alt' }),
    'self-approval',
  ],
  [
    'the author with allowSelfApproval',
    facts({ clickerGithubLogin: 'bruce', config: config({ allowSelfApproval: true }) }),
    'allowed',
  ],
  ['the author rejecting their own plan', facts({ clickerGithubLogin: 'bruce' }, { action: 'reject' }), 'allowed'],
  [
    'a clicker with no GitHub mapping and a different email',
    facts({ clickerGithubLogin: undefined }),
    'unknown-identity',
  ],
  ['another workspace', facts({}, { teamId: 'T0OTHER' }), 'wrong-workspace'],
  ['a guest from a shared channel', facts({}, { userTeamId: 'T0OTHER' }), 'wrong-workspace'],
  ['no workspace in the payload', facts({}, { teamId: undefined }), 'wrong-workspace'],
  ['workspace not checked (no expected team)', facts({ expectedTeamId: undefined }, { teamId: 'T0OTHER' }), 'allowed'],
  ['a newer push', facts({ currentHeadSha: NEWER }), 'superseded'],
  ['the same head planned again (new plan ids)', facts({ planIdsCurrent: ['p3', 'p4'] }), 'superseded'],
  ['a plan added since', facts({ planIdsCurrent: ['p1', 'p2', 'p3'] }), 'superseded'],
  ['a tampered value', facts({}, { value: 'approve-everything' }), 'invalid-value'],
  [
    'an older head infra-bot planned, after a newer push',
    facts({ currentHeadSha: NEWER, plannedHeadShas: [HEAD, NEWER] }),
    'superseded',
  ],
  ['the current head, with the planned SHAs known', facts({ plannedHeadShas: [HEAD] }), 'allowed'],
  ['a commit infra-bot never planned', facts({ currentHeadSha: NEWER, plannedHeadShas: [NEWER] }), 'unknown-commit'],
  [
    'a commit never planned, even from a non-approver',
    facts({ currentHeadSha: NEWER, plannedHeadShas: [] }, { slackUserId: 'U0MALLORY' }),
    'unknown-commit',
  ],
];

describe('decideClick', () => {
  it.each(table.map(([name, input, expected]) => [name, expected, input] as const))(
    '%s › %s',
    (_name, expected, input) => {
      const verdict = decideClick(input);
      expect(verdict.allowed ? 'allowed' : verdict.reason).toBe(expected);
      if (!verdict.allowed) expect(refusalText(verdict.reason, verdict.refusal).length).toBeGreaterThan(20);
    },
  );

  it('an allowed click › carries the decision and the decoded request', () => {
    expect(decideClick(facts({}, { action: 'reject' }))).toEqual({
      allowed: true,
      decision: 'rejected',
      request: { repo: 'acme/infra', pr: 42, headSha: HEAD, plans: { ids: ['p1', 'p2'] } },
    });
  });

  it('refusal messages › say why and what to do', () => {
    const message = (input: ClickFacts) => {
      const verdict = decideClick(input);
      return verdict.allowed ? '' : refusalText(verdict.reason, verdict.refusal);
    };
    expect(message(facts({}, { slackUserId: 'U0MALLORY' }))).toBe(
      '🚫 You are not an approver for acme/infra#42. Who may approve: <@U0ALICE> and <@U0BRUCE>.',
    );
    expect(message(facts({ clickerGithubLogin: 'bruce' }))).toBe(
      '🚫 You opened acme/infra#42, so you cannot approve it yourself: ask another approver.',
    );
    expect(message(facts({ currentHeadSha: NEWER }))).toBe(
      '⏭️ This plan of acme/infra#42 is out of date: a newer push (bbbbbbb) replaces it. A newer plan exists: use the newest approval request.',
    );
    expect(message(facts({ planIdsCurrent: ['p9'] }))).toContain('it was planned again');
    expect(message(facts({ currentHeadSha: NEWER, plannedHeadShas: [NEWER] }))).toBe(
      '🚫 This approval request names commit aaaaaaa, which infra-bot never planned for acme/infra#42; nothing was recorded.',
    );
  });
});

let nextId = 0;
const decision = (
  who: string,
  verdict: 'approved' | 'rejected',
  minute: number,
  over: Partial<DecisionRecord> = {},
): DecisionRecord => ({
  id: String((nextId += 1)),
  repo: 'acme/infra',
  pr: 42,
  headSha: HEAD,
  planIds: ['p1'],
  decision: verdict,
  approver: { slackId: `U0${who.toUpperCase()}`, name: who },
  decidedAt: new Date(Date.UTC(2030, 0, 1, 9, minute)),
  source: 'slack',
  stale: false,
  ...over,
});

describe('approvalState', () => {
  it('no decisions › pending, needing all', () => {
    expect(approvalState([], 2)).toEqual({ state: 'pending', approvers: [], required: 2, needed: 2 });
  });

  it('one approval of two required › pending, 1 needed', () => {
    const state = approvalState([decision('alice', 'approved', 1)], 2);
    expect(state).toMatchObject({ state: 'pending', needed: 1, approvers: [{ name: 'alice' }] });
  });

  it('two distinct approvers of two › approved at the second approval', () => {
    const state = approvalState([decision('alice', 'approved', 1), decision('carol', 'approved', 5)], 2);
    expect(state).toMatchObject({ state: 'approved', needed: 0, decidedAt: new Date(Date.UTC(2030, 0, 1, 9, 5)) });
  });

  it('the same person twice (Slack id and GitHub login sharing an email) › counts once', () => {
    const state = approvalState(
      [
        decision('alice', 'approved', 1, { approver: { slackId: 'U0ALICE', email: 'alice@acme.test', name: 'Alice' } }),
        decision('alice', 'approved', 2, {
          approver: { githubLogin: 'alice', email: 'Alice@acme.test', name: 'alice' },
        }),
      ],
      2,
    );
    expect(state).toMatchObject({ state: 'pending', needed: 1 });
  });

  it('Approve and Reject at once by two people › rejected (any reject rejects), whatever the order', () => {
    const approveFirst = approvalState([decision('alice', 'approved', 1), decision('carol', 'rejected', 1)], 1);
    const rejectFirst = approvalState([decision('carol', 'rejected', 1), decision('alice', 'approved', 1)], 1);
    expect(approveFirst.state).toBe('rejected');
    expect(rejectFirst).toEqual(approveFirst);
    expect(approveFirst.rejectedBy).toMatchObject({ name: 'carol' });
  });

  it('Approve and Reject at once by one person › only their first decision counts', () => {
    expect(approvalState([decision('alice', 'approved', 1), decision('alice', 'rejected', 2)], 1).state).toBe(
      'approved',
    );
    expect(approvalState([decision('alice', 'rejected', 1), decision('alice', 'approved', 2)], 1).state).toBe(
      'rejected',
    );
  });

  it('stale decisions (an older push) › do not count', () => {
    expect(approvalState([decision('alice', 'approved', 1, { stale: true })], 1).state).toBe('pending');
    expect(approvalState([decision('carol', 'rejected', 1, { stale: true })], 1).state).toBe('pending');
  });

  it('required below 1 › refused', () => {
    expect(() => approvalState([], 0)).toThrow(RangeError);
  });
});
