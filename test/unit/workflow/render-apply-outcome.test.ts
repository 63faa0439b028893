import { describe, expect, it } from '@jest/globals';
import type { ApprovalState } from '../../../src/approval/approval-rules.js';
import {
  applyFailedReason,
  renderApplyOutcome,
  renderNotApplied,
  renderNotAppliedReason,
  runLockBusy,
  type NotAppliedReason,
} from '../../../src/workflow/apply/render-apply-outcome.js';

const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';
const MERGE = '1234567890abcdef1234567890abcdef12345678';
const problem = (line: number) => ({
  file: 'infra-specs/a.yaml',
  line,
  column: 3,
  path: 'spec.x',
  message: `unknown field "x${line}"`,
  severity: 'error' as const,
});
const pending = (approvers: number, required: number): ApprovalState => ({
  state: 'pending',
  approvers: Array.from({ length: approvers }, (_, i) => ({ name: `approver ${i + 1}` })),
  required,
  needed: required - approvers,
});

describe('renderNotAppliedReason', () => {
  const reasons: Array<[string, NotAppliedReason]> = [
    ['an invalid repo config', { kind: 'invalid-config', sourceSha: MERGE, problems: [problem(1)] }],
    ['missing approvals', { kind: 'not-approved', headSha: HEAD, approval: pending(1, 2), otherContent: 0 }],
    ['approvals of other content', { kind: 'not-approved', headSha: HEAD, approval: pending(0, 1), otherContent: 2 }],
    [
      'a rejection',
      {
        kind: 'not-approved',
        headSha: HEAD,
        approval: { ...pending(0, 1), state: 'rejected', rejectedBy: { name: 'Zoe' } },
        otherContent: 0,
      },
    ],
    ['invalid specs', { kind: 'invalid-source', sourceSha: MERGE, problems: [problem(1), problem(2)] }],
    [
      'content that differs',
      { kind: 'content-differs', stacks: ['identity', 's3-logs'], sourceSha: MERGE, headSha: HEAD },
    ],
    ['a stack not applied', { kind: 'stack-not-applied', stack: 'identity', stacksAfter: true, error: 'Error: drift' }],
    [
      'an unplanned merge',
      { kind: 'unplanned-merge', headSha: HEAD, sourceSha: MERGE, lastPlannedSha: MERGE, specsInvalid: false },
    ],
    [
      'an unplanned merge of invalid specs',
      { kind: 'unplanned-merge', headSha: HEAD, sourceSha: MERGE, specsInvalid: true },
    ],
  ];
  it.each(reasons)('%s', (_name, reason) => {
    expect(renderNotAppliedReason(reason)).toMatchSnapshot();
  });

  it('lists at most 20 problems', () => {
    const problems = Array.from({ length: 25 }, (_, i) => problem(i + 1));
    const text = renderNotAppliedReason({ kind: 'invalid-source', sourceSha: MERGE, problems });
    expect(text).toContain('a.yaml:20:3');
    expect(text).not.toContain('a.yaml:21:3');
  });

  it('names one approval of other content in the singular', () => {
    const text = renderNotAppliedReason({
      kind: 'not-approved',
      headSha: HEAD,
      approval: pending(0, 1),
      otherContent: 1,
    });
    expect(text).toContain(' 1 approval was given to an earlier plan');
  });
});

describe('renderApplyOutcome', () => {
  it('applied: the stacks, the commit and who approved', () => {
    const out = renderApplyOutcome({
      kind: 'applied',
      repo: 'acme/infra',
      pr: 7,
      sourceSha: MERGE,
      stacks: ['identity', 'ec2-web'],
      approvers: ['Ada', 'Bob'],
    });
    expect(out).toMatchSnapshot();
  });

  it('failed: the error, what was applied before it, and what to do', () => {
    const out = renderApplyOutcome({
      kind: 'failed',
      repo: 'acme/infra',
      pr: 7,
      stack: 's3-logs',
      appliedBefore: ['identity'],
      error: 'Error: AccessDenied',
    });
    expect(out).toMatchSnapshot();
    const first = renderApplyOutcome({
      kind: 'failed',
      repo: 'acme/infra',
      pr: 7,
      stack: 'identity',
      appliedBefore: [],
      error: 'x',
    });
    expect(first.comment).not.toContain('Applied before it');
  });

  it('the reasons kept with an unapplied merge', () => {
    expect(applyFailedReason('s3-logs')).toBe('the apply of `s3-logs` failed (it may be partly applied).');
    expect(runLockBusy('identity', '42')).toBe('another run of `identity` (job 42) did not finish in time');
  });
});

describe('renderNotApplied', () => {
  const notice = {
    repo: 'acme/infra',
    pr: 7,
    sourceSha: MERGE,
    reason: 'the plan was rejected by Zoe.',
    applyBeforeMerge: false,
  };
  it('before merge: a refusal, nothing else', () => {
    expect(renderNotApplied({ ...notice, merged: false, stacks: ['identity'] })).toMatchSnapshot();
  });
  it('after merge: which stacks, why, and how to apply them', () => {
    const out = renderNotApplied({ ...notice, merged: true, stacks: ['identity'], appliedBefore: ['ec2-web'] });
    expect(out).toMatchSnapshot();
  });
  it('after merge with several stacks, apply before merge allowed', () => {
    const out = renderNotApplied({ ...notice, merged: true, stacks: ['identity', 's3-logs'], applyBeforeMerge: true });
    expect(out.comment).toContain('touches these stacks (or comment `/infra plan identity s3-logs` on any open PR)');
    expect(out.comment).toContain('merge it (or comment `/infra apply` on it once approved)');
    expect(out.slack).toBe(
      '⛔ acme/infra#7 was merged but not applied (identity, s3-logs): the plan was rejected by Zoe.',
    );
  });
  it('after merge when the stacks cannot be told', () => {
    expect(renderNotApplied({ ...notice, merged: true, stacks: [] })).toMatchSnapshot();
  });
});
