import { describe, expect, it } from '@jest/globals';
import type { DecisionRecord, PlanRecord } from '../../../src/store/store.js';
import { pullStage } from '../../../src/workflow/self-service/pull-stage.js';
import { renderIssueStatus } from '../../../src/workflow/self-service/render-issue-status.js';

const at = new Date('2030-01-01T00:00:00Z');
const plan = (stack: string, status: PlanRecord['status'], headSha = 'head1'): PlanRecord => ({
  id: `${stack}-${status}`,
  repo: 'acme/infra',
  pr: 1,
  headSha,
  stack,
  specHash: 'h',
  status,
  summaryJson: '{}',
  createdAt: at,
});
const decision = (decision: DecisionRecord['decision'], name: string): DecisionRecord => ({
  id: name,
  repo: 'acme/infra',
  pr: 1,
  headSha: 'head1',
  planIds: [],
  decision,
  approver: { slackId: `U${name.toUpperCase()}`, name },
  decidedAt: at,
  source: 'slack',
  stale: false,
});
const base = {
  headSha: 'head1',
  plans: [] as PlanRecord[],
  decisions: [] as DecisionRecord[],
  required: 1,
  applyJob: false,
  planJob: false,
};

describe('self-service › /infra status on an issue', () => {
  it.each([
    [{ applyJob: true, plans: [plan('identity', 'planned')] }, { stage: 'applying' }],
    [{ planJob: true }, { stage: 'planning' }],
    [{}, { stage: 'not planned' }],
    [
      { plans: [plan('identity', 'planned', 'old')] },
      { stage: 'plan outdated', detail: 'new commits since the last plan' },
    ],
    [
      { plans: [plan('ec2-a', 'failed'), plan('identity', 'planned')] },
      { stage: 'plan failed', detail: 'ec2-a failed' },
    ],
    [{ plans: [plan('identity', 'no-changes')] }, { stage: 'no changes' }],
    [
      { plans: [plan('identity', 'planned')], required: 2, decisions: [decision('approved', 'maria')] },
      { stage: 'awaiting approval', detail: '1 of 2 approvals' },
    ],
    [
      { plans: [plan('identity', 'planned')], decisions: [decision('approved', 'maria')] },
      { stage: 'approved', detail: 'by maria' },
    ],
    [
      { plans: [plan('identity', 'planned')], decisions: [decision('rejected', 'eve')] },
      { stage: 'rejected', detail: 'by eve' },
    ],
  ])('stage of %j › %j', (input, expected) => {
    expect(pullStage({ ...base, ...input })).toEqual(expected);
  });

  it('renders PRs, jobs, locks and the next expiries (soonest first, the rest counted)', () => {
    const deadline = (n: number) => ({
      id: `d${n}`,
      repo: 'acme/infra',
      specKey: `Ec2Instance/box-${n}`,
      stack: `ec2-box-${n}`,
      dueAt: new Date(at.getTime() + (12 - n) * 3_600_000),
      status: 'scheduled' as const,
      reminders: [],
      createdAt: at,
      updatedAt: at,
    });
    const text = renderIssueStatus({
      repo: 'acme/infra',
      pulls: [
        {
          number: 4,
          title: 'Add *box*',
          url: 'https://x/pull/4',
          stage: 'approved',
          detail: 'by maria',
          stacks: ['ec2-box'],
        },
      ],
      jobs: [{ kind: 'pr.apply', target: '#4', status: 'running', since: at }],
      locks: [
        {
          repo: 'acme/infra',
          stack: 'ec2-box',
          pr: 4,
          headSha: 'abcdef0123',
          owner: 'w',
          acquiredAt: at,
          updatedAt: at,
        },
      ],
      deadlines: Array.from({ length: 12 }, (_, i) => deadline(i + 1)),
      now: at,
      maxExpiries: 2,
    });
    expect(text).toContain('- ✅ [#4](https://x/pull/4) Add \\*box\\*: **approved** (by maria) · `ec2-box`');
    expect(text).toContain('- ▶️ `pr.apply` for #4, running since 2030-01-01T00:00:00Z');
    expect(text).toContain('- 🔒 `ec2-box` by #4 at abcdef0 since 2030-01-01T00:00:00Z');
    expect(text).toContain(
      '**Next expiries (12)**\n- ⏳ `Ec2Instance/box-12` (`ec2-box-12`) at 2030-01-01T00:00:00Z (due now)\n- ⏳ `Ec2Instance/box-11`',
    );
    expect(text).toContain('- … 10 more');
  });

  it('lists the jobs that failed for good, and leaves the section out when there are none', () => {
    const input = { repo: 'acme/infra', pulls: [], jobs: [], locks: [], deadlines: [], now: at };
    const text = renderIssueStatus({
      ...input,
      failedJobs: [{ id: '42', kind: 'deadline.expire', target: '`S3Bucket/logs`', attempts: 5, at }],
    });
    expect(text).toContain(
      '**Jobs that failed in the last 7 days (1)**\n- ❌ `deadline.expire` for `S3Bucket/logs` (job 42, 5 attempts) at 2030-01-01T00:00:00Z',
    );
    expect(renderIssueStatus(input)).not.toContain('failed in the last');
  });
});
