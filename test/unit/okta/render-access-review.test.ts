import { describe, expect, it } from '@jest/globals';
import { buildAccessReview } from '../../../src/okta/access-review.js';
import { csvField, renderAccessReviewCsv } from '../../../src/okta/render-access-csv.js';
import {
  SUMMARY_MAX_CHARS,
  renderAccessReviewReport,
  renderAccessReviewSummary,
} from '../../../src/okta/render-access-review.js';
import type { OktaGroupRecord, OktaUserRecord } from '../../../src/okta/records.js';
import { NOW, SSO, oktaGroup, oktaUser, scenario } from './fixtures.js';

const review = () => buildAccessReview({ ...scenario(), now: NOW, sso: SSO, apiCalls: 12 });

describe('access review rendering', () => {
  it('summary › snapshot', () => {
    expect(
      renderAccessReviewSummary(review(), { fullReportUrl: 'https://github.com/acme/infra/blob/r/report.md' }),
    ).toMatchSnapshot();
  });

  it('full report › snapshot', () => {
    expect(renderAccessReviewReport(review())).toMatchSnapshot();
  });

  it('CSV › snapshot', () => {
    expect(renderAccessReviewCsv(review())).toMatchSnapshot();
  });

  it('summary › Okta text cannot inject markup or mention anyone', () => {
    const text = renderAccessReviewReport(review());

    expect(text).toContain('@\u200bhacker \\| \\*bold\\*');
    expect(text).not.toMatch(/(^|\s)@hacker/);
  });

  it('summary › partial data › a warning first, naming what is missing', () => {
    const { memberships, ...rest } = scenario();
    const partial = {
      reason: 'rate-limited' as const,
      message: 'Okta GET /api/v1/groups/g2/users: still rate limited after 3 retries',
      missing: ['members of 1 of 3 groups (devs)'],
      usersComplete: true,
      groupsComplete: true,
      groupsWithoutMembers: ['g2'],
    };
    memberships.delete('g2');
    const text = renderAccessReviewSummary(buildAccessReview({ ...rest, memberships, now: NOW, partial }));

    expect(text.split('\n').slice(2, 7)).toEqual([
      '> [!WARNING]',
      '> **Partial report**: Okta kept rate-limiting the requests (Okta GET /api/v1/groups/g2/users: still rate limited after 3 retries). Missing:',
      '> - members of 1 of 3 groups (devs)',
      '> Counts and lists below cover only what was read.',
      '',
    ]);
    expect(text).toContain('### Could not be determined (2)');
    expect(text).toContain('- OktaGroup/devs: members not read, membership drift not checked');
  });

  describe('10,000 users', () => {
    const users: OktaUserRecord[] = Array.from({ length: 10_000 }, (_, i) =>
      oktaUser(`u${i}`, `user${String(i).padStart(5, '0')}@example.com`, {
        lastLogin: i % 3 === 0 ? null : '2029-01-01T00:00:00.000Z',
      }),
    );
    const groups: OktaGroupRecord[] = Array.from({ length: 500 }, (_, j) => oktaGroup(`g${j}`, `group-${j}`));
    const memberships = new Map(groups.map((g, j) => [g.id, users.filter((_, i) => i % 500 === j).map((u) => u.id)]));
    const big = buildAccessReview({ users, groups, memberships, specs: scenario().specs, now: NOW, sso: SSO });

    it('summary › within the comment limit, every cut list says how many more', () => {
      const text = renderAccessReviewSummary(big, { fullReportUrl: 'https://example.test/report.md' });

      expect(text.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
      expect(text).toContain('| Users | 10,000 (ACTIVE 10,000) |');
      expect(text).toContain('### Inactive accounts (10,000)');
      expect(text).toContain('… 9,975 more, see the [full report](https://example.test/report.md)');
      expect(text).toContain('### Groups without a spec (500)');
      expect(text).toContain('… 475 more, see the [full report](https://example.test/report.md)');
    });

    it('summary › a tiny limit › lists shrink, counts stay', () => {
      const text = renderAccessReviewSummary(big, { maxChars: 1400 });

      expect(text.length).toBeLessThanOrEqual(1400);
      expect(text).toContain('| Inactive (no sign-in for 90 days) | 10,000 |');
      expect(text).toContain('… 10,000 more, see the full report');
    });

    it('CSV › one row per user, none missing', () => {
      const rows = renderAccessReviewCsv(big).split('\r\n');

      expect(rows).toHaveLength(10_002); // header + 10,000 rows + the final empty string
      expect(rows.at(-1)).toBe('');
      expect(new Set(rows.slice(1, -1).map((r) => r.split(',')[0])).size).toBe(10_000);
    });

    it('full report › every user in the table', () => {
      const [lists, table] = renderAccessReviewReport(big).split('### All users (10,000)');

      expect(table!.match(/^\| user\d{5}@/gm)).toHaveLength(10_000);
      expect(lists).not.toContain('more, see the');
    });
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('csvField %j › %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
