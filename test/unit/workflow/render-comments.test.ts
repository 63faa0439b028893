import { describe, expect, it } from '@jest/globals';
import { renderPullRequestStatus } from '../../../src/workflow/render-status.js';
import { fence, renderValidationComment } from '../../../src/workflow/render-validation-comment.js';

const at = new Date('2026-11-21T10:00:00Z');

describe('renderValidationComment', () => {
  it('lists the problems as file:line:column lines and says nothing was planned', () => {
    const body = renderValidationComment({
      headSha: 'abcdef1234567',
      diagnostics: [
        {
          file: 'infra-specs/a.yaml',
          line: 3,
          column: 5,
          path: 'spec.x',
          message: 'unknown field "spec.x"',
          severity: 'error',
        },
        { file: 'infra-specs/b.yaml', line: 1, column: 1, path: '', message: 'old', severity: 'warning' },
      ],
    });
    expect(body).toMatchSnapshot();
  });

  it('caps the list at 50 and says how many more there are', () => {
    const diagnostics = Array.from({ length: 60 }, (_, i) => ({
      file: 'infra-specs/a.yaml',
      line: i + 1,
      column: 1,
      path: '',
      message: `problem ${i}`,
      severity: 'error' as const,
    }));
    const body = renderValidationComment({ headSha: 'abcdef1', diagnostics });
    expect(body).toContain('problem 49');
    expect(body).not.toContain('problem 50');
    expect(body).toContain('… and 10 more');
  });

  it('keeps file content from closing the code fence', () => {
    expect(fence('a ``` b ```` c')).toMatch(/^`{5}\n[\s\S]*\n`{5}$/);
  });
});

describe('renderPullRequestStatus', () => {
  it('shows locks, plans, current approvals and expiries', () => {
    expect(
      renderPullRequestStatus({
        pr: 7,
        locks: [
          {
            repo: 'a/b',
            stack: 'ec2-box',
            pr: 7,
            headSha: 'abc1234def',
            owner: 'bruce',
            acquiredAt: at,
            updatedAt: at,
          },
        ],
        plans: [
          {
            id: 'p1',
            repo: 'a/b',
            pr: 7,
            headSha: 'abc1234def',
            stack: 'ec2-box',
            specHash: 'h',
            status: 'planned',
            summaryJson: '{}',
            createdAt: at,
          },
        ],
        decisions: [
          {
            id: 'd1',
            repo: 'a/b',
            pr: 7,
            headSha: 'abc1234def',
            planIds: ['p1'],
            decision: 'approved',
            approver: { name: 'Maria', slackId: 'U1' },
            decidedAt: at,
            source: 'slack',
            stale: false,
          },
        ],
        deadlines: [],
      }),
    ).toMatchSnapshot();
  });
});
