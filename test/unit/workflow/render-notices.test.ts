import { describe, expect, it } from '@jest/globals';
import type { ApprovalState } from '../../../src/approval/approval-rules.js';
import {
  ALREADY_RECORDED,
  configInvalidRefusal,
  renderDecisionComment,
} from '../../../src/workflow/approval/render-decision-comment.js';
import {
  driftIssueFooter,
  driftResolvedComment,
  driftTruncationHint,
  renderDriftCheckFailed,
  renderDriftFound,
} from '../../../src/workflow/drift/render-drift-notices.js';
import {
  describeRemoval,
  removalCommitMessage,
  renderExpiryNotice,
  renderRemovalPull,
} from '../../../src/workflow/expiry/render-expiry-notices.js';

const SHA = 'abcdef1234567890abcdef1234567890abcdef12';
const dueAt = new Date('2030-01-02T10:00:00.000Z');

describe('expiry notices', () => {
  it('a reminder: when, how long is left, and how to extend', () => {
    expect(
      renderExpiryNotice({ kind: 'reminder', specKey: 'S3Bucket/logs', repo: 'acme/infra', dueAt, minutesLeft: 60 }),
    ).toMatchSnapshot();
  });

  it.each([
    ['was already gone from the default branch', { kind: 'already-gone' as const }],
    ['was removed from main in a commit', { kind: 'commit' as const, branch: 'main' }],
    ['is removed by #12', { kind: 'pull' as const, number: 12 }],
  ])('after the destroy: the spec %s', (phrase, removal) => {
    expect(describeRemoval(removal)).toBe(phrase);
    const text = renderExpiryNotice({
      kind: 'expired',
      specKey: 'S3Bucket/logs',
      repo: 'acme/infra',
      dueAt,
      stack: 's3-logs',
      removal,
    });
    expect(text).toBe(
      `🗑️ S3Bucket/logs in acme/infra expired at 2030-01-02T10:00:00.000Z and was destroyed (s3-logs); the spec ${phrase}.`,
    );
  });

  it('the commit and the PR that take the spec off the default branch', () => {
    expect({
      commit: removalCommitMessage('S3Bucket/logs'),
      pull: renderRemovalPull('S3Bucket/logs', 'infra-specs/logs.yaml'),
    }).toMatchSnapshot();
  });
});

describe('approval decision', () => {
  const pending: ApprovalState = { state: 'pending', approvers: [{ name: 'Ada' }], required: 2, needed: 1 };
  const approved: ApprovalState = { state: 'approved', approvers: [{ name: 'Ada' }], required: 1, needed: 0 };

  it('an approval still short of the required count shows the progress', () => {
    expect(
      renderDecisionComment({
        decision: 'approved',
        name: 'Ada *L*',
        githubLogin: 'ada',
        headSha: SHA,
        approval: pending,
      }),
    ).toMatchSnapshot();
  });

  it('a decisive approval or a rejection shows no progress; a name is escaped, a missing login left out', () => {
    expect(renderDecisionComment({ decision: 'approved', name: 'Ada', headSha: SHA, approval: approved })).toBe(
      '✅ Approved in Slack by **Ada** for abcdef1.',
    );
    expect(
      renderDecisionComment({
        decision: 'rejected',
        name: '[x](y)',
        headSha: SHA,
        approval: { ...approved, state: 'rejected' },
      }),
    ).toBe('⛔ Rejected in Slack by **\\[x\\]\\(y\\)** for abcdef1.');
  });

  it('the ephemeral answers', () => {
    expect(ALREADY_RECORDED).toBe('Your decision on this plan was already recorded.');
    expect(configInvalidRefusal('acme/infra')).toBe(
      '⚠️ The repo config of acme/infra does not validate, so nobody can approve until it is fixed.',
    );
  });
});

describe('drift notices', () => {
  it('the words around the drift issue, its closing comment and the Slack notices', () => {
    expect({
      footer: driftIssueFooter(SHA),
      truncation: driftTruncationHint('s3-logs'),
      resolved: driftResolvedComment('s3-logs', SHA),
      found: renderDriftFound({ repo: 'acme/infra', stack: 's3-logs', changes: 2, issueUrl: 'https://x/issues/3' }),
      failed: renderDriftCheckFailed('acme/infra', 'terraform plan failed'),
    }).toMatchSnapshot();
  });
});
