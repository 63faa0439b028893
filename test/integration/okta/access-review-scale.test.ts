import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildAccessReview } from '../../../src/okta/access-review.js';
import { collectAccessData, type AccessData } from '../../../src/okta/collect-access-data.js';
import type { OktaDirectory } from '../../../src/okta/okta-client.js';
import { renderAccessReviewCsv } from '../../../src/okta/render-access-csv.js';
import { SUMMARY_MAX_CHARS, renderAccessReviewSummary } from '../../../src/okta/render-access-review.js';
import { startOktaDouble, type OktaDouble } from '../../doubles/okta/server.js';
import { groupSpec, roleSpec, userSpec } from '../../unit/okta/fixtures.js';
import { TOKEN, directoryFor } from './helpers.js';

describe('access review of 10,000 users and 500 groups', () => {
  let double: OktaDouble;
  let directory: OktaDirectory;
  let data: AccessData;

  beforeAll(async () => {
    double = await startOktaDouble({ token: TOKEN });
    double.seed({ users: 10_000, groups: 500, now: '2030-01-01T00:00:00.000Z' });
    directory = directoryFor(double).directory;
    data = await collectAccessData({ directory });
  }, 60_000);
  afterAll(async () => {
    directory.close();
    await double.close();
  });

  it('collect › every user, group and membership, in a bounded number of paginated calls', () => {
    expect(data.partial).toBeUndefined();
    expect(data.users).toHaveLength(10_000);
    expect(data.groups).toHaveLength(501);
    expect(data.memberships.size).toBe(500);
    // users: 50 pages of 200 (+1 for the DEPROVISIONED filter), groups: 1, members: one call per group.
    expect(data.apiCalls).toBe(double.calls);
    expect(data.apiCalls).toBeLessThan(600);
  });

  it('summary › one comment, cut lists say how many more; CSV › all 10,000 rows', () => {
    const specs = [
      groupSpec('g1', 'group-1'),
      userSpec('first', { email: 'user0@example.com', firstName: 'First0', lastName: 'Last0', groups: ['g1'] }),
      roleSpec('admin', 'g1'),
    ];
    const review = buildAccessReview({ ...data, specs, now: new Date('2030-01-01T00:00:00.000Z') });

    const summary = renderAccessReviewSummary(review, { fullReportUrl: 'https://example.test/full.md' });
    const csv = renderAccessReviewCsv(review);

    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary).toContain(`· ${data.apiCalls} Okta API calls`);
    expect(summary).toMatch(/… [\d,]+ more, see the \[full report\]\(https:\/\/example\.test\/full\.md\)/);
    expect(summary).toContain('| Users without a spec | 9,999 |');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows).toHaveLength(10_001);
    expect(new Set(rows.slice(1).map((row) => row.split(',')[0]))).toEqual(new Set(data.users.map((u) => u.login)));
  });
});
