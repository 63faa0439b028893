import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { buildAccessReview } from '../../../src/okta/access-review.js';
import { collectAccessData } from '../../../src/okta/collect-access-data.js';
import { collectPersonAccess } from '../../../src/okta/collect-person-access.js';
import { OktaRequestError, OktaUnavailableError } from '../../../src/okta/errors.js';
import type { OktaDirectory } from '../../../src/okta/okta-client.js';
import { renderAccessReviewSummary } from '../../../src/okta/render-access-review.js';
import { startOktaDouble, type OktaDouble } from '../../doubles/okta/server.js';
import { NOW } from '../../unit/okta/fixtures.js';
import { TOKEN, directoryFor, failure } from './helpers.js';

describe('collectAccessData against the Okta double', () => {
  let double: OktaDouble;
  const opened: OktaDirectory[] = [];

  beforeAll(async () => {
    double = await startOktaDouble({ token: TOKEN });
    double.seed({ users: 120, groups: 12, groupsPerUser: 2 });
  });
  beforeEach(() => {
    double.clearFaults();
    double.resetCounters();
  });
  afterEach(() => {
    for (const directory of opened.splice(0)) directory.close();
  });
  afterAll(() => double.close());

  it('healthy org › everything, members of every group except the built-in one, calls counted', async () => {
    const { directory } = directoryFor(double, { pageSize: 50 }, opened);

    const data = await collectAccessData({ directory, concurrency: 4 });

    expect(data.partial).toBeUndefined();
    expect(data.users).toHaveLength(120);
    expect(data.groups).toHaveLength(13);
    expect(data.skippedGroups).toEqual([double.state.groups[0]!.id]);
    expect(data.memberships.size).toBe(12);
    const total = [...data.memberships.values()].reduce((n, ids) => n + ids.length, 0);
    expect(total).toBe(240);
    expect(data.apiCalls).toBe(double.calls);
    expect(double.requests.some((r) => r.path === `/api/v1/groups/${data.skippedGroups[0]}/users`)).toBe(false);
  });

  it('429 storm on membership calls › partial result naming the groups whose members are missing', async () => {
    double.rateLimitStorm(1000, { path: '/api/v1/groups/', after: 3 });
    const { directory } = directoryFor(double, { maxRetries: 2 }, opened);

    const data = await collectAccessData({ directory, concurrency: 1 });

    expect(data.users).toHaveLength(120);
    expect(data.memberships.size).toBe(3);
    expect(data.partial).toEqual({
      reason: 'rate-limited',
      message: expect.stringMatching(/^Okta GET \/api\/v1\/groups\/00g\w+\/users: still rate limited after 2 retries/),
      missing: ['members of 9 of 12 groups (group-3, group-4, group-5, group-6, group-7, …)'],
      usersComplete: true,
      groupsComplete: true,
      groupsWithoutMembers: data.groups.slice(4).map((g) => g.id),
    });
    // Stopped at the first call that outlasted its retries: 3 good + 3 attempts.
    expect(double.requests.filter((r) => r.path.startsWith('/api/v1/groups/'))).toHaveLength(6);

    const summary = renderAccessReviewSummary(buildAccessReview({ ...data, specs: [], now: NOW }));
    expect(summary).toContain('> **Partial report**: Okta kept rate-limiting the requests');
    expect(summary).toContain('> - members of 9 of 12 groups (group-3, group-4, group-5, group-6, group-7, …)');
  });

  it('outage on the third users page › partial: users cut short and said so, no more calls started', async () => {
    double.failNext(50, { status: 503, path: '/api/v1/users', after: 2 });
    const { directory } = directoryFor(double, { pageSize: 40, maxRetries: 1 }, opened);

    const data = await collectAccessData({ directory });

    expect(data.users).toHaveLength(80);
    expect(data.partial).toMatchObject({
      reason: 'unavailable',
      usersComplete: false,
      missing: [
        'users: the listing stopped after 80 users',
        'members of 12 of 12 groups (group-0, group-1, group-2, group-3, group-4, …)',
      ],
    });
  });

  it('Okta down from the first call › throws OktaUnavailableError, nothing to report', async () => {
    double.failNext(100, { status: 503 });
    const { directory } = directoryFor(double, { maxRetries: 1 }, opened);

    const err = await failure(collectAccessData({ directory }));

    expect(err).toBeInstanceOf(OktaUnavailableError);
    expect(err).toMatchObject({ reason: 'server_error', status: 503 });
  });

  it('token revoked › OktaRequestError, not a partial report', async () => {
    const { directory } = directoryFor(double, { token: 'revoked' }, opened);

    await expect(collectAccessData({ directory })).rejects.toBeInstanceOf(OktaRequestError);
  });

  it('overall deadline passes › stops starting calls, partial with reason deadline', async () => {
    const { directory } = directoryFor(double, {}, opened);
    let ticks = 0;
    const clock = { now: () => new Date(NOW.getTime() + 1000 * ticks++) };

    const data = await collectAccessData({ directory, deadlineMs: 150_000, clock });

    expect(data.partial).toMatchObject({
      reason: 'deadline',
      message: 'Okta access review: gathering took over 150000 ms',
    });
    expect(data.partial!.missing.length).toBeGreaterThan(0);
  });

  it('collectPersonAccess › the user and their groups', async () => {
    const { directory } = directoryFor(double, {}, opened);

    const person = await collectPersonAccess(directory, 'user7@example.com');

    expect(person.user?.login).toBe('user7@example.com');
    expect(person.groups.map((g) => g.name).sort()).toEqual(['Everyone', 'group-1', 'group-2']);
  });
});
