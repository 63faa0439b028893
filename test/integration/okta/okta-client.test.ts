import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import {
  OktaAmbiguousUserError,
  OktaRateLimitedError,
  OktaRequestError,
  OktaUnavailableError,
} from '../../../src/okta/errors.js';
import type { OktaDirectory } from '../../../src/okta/okta-client.js';
import { startOktaDouble, type OktaDouble } from '../../doubles/okta/server.js';
import { TOKEN, collect, directoryFor, failure } from './helpers.js';

describe('Okta directory against the Okta double', () => {
  let double: OktaDouble;
  const opened: OktaDirectory[] = [];

  beforeAll(async () => {
    double = await startOktaDouble({ token: TOKEN });
    const { state } = double;
    // 430 users: 410 ACTIVE, 12 SUSPENDED, 8 DEPROVISIONED (which a plain Okta listing leaves out).
    for (let i = 0; i < 430; i += 1) {
      const status = i < 410 ? 'ACTIVE' : i < 422 ? 'SUSPENDED' : 'DEPROVISIONED';
      state.addUser({ login: `u${i}@acme.test`, status, lastLogin: i % 2 ? null : '2029-12-01T08:00:00.000Z' });
    }
    const big = state.addGroup('everyone-ish', { description: 'big' });
    for (const user of state.users) state.addMember(big.id, user.id);
    const approvers = state.addGroup('infra-approvers');
    state.addUser({ login: 'bruce.lee@acme.test', firstName: 'Bruce', lastName: 'Lee', title: 'SRE' });
    state.addUser({ login: 'ada', email: 'ada@acme.test', firstName: 'Ada' });
    state.addUser({ login: 'twin-a', email: 'twin@acme.test' });
    state.addUser({ login: 'twin-b', email: 'twin@acme.test' });
    state.addUser({ login: 'gone@acme.test', status: 'SUSPENDED' });
    for (const login of ['bruce.lee@acme.test', 'ada', 'gone@acme.test'])
      state.addMember(approvers.id, state.user(login)!.id);
    for (let g = 0; g < 5; g += 1) state.addGroup(`team-${g}`);
  });
  beforeEach(() => {
    double.clearFaults();
    double.resetCounters();
  });
  afterEach(() => {
    for (const directory of opened.splice(0)) directory.close();
  });
  afterAll(() => double.close());

  describe('listing', () => {
    it('listUsers › pages through every user, DEPROVISIONED and SUSPENDED included', async () => {
      const { directory } = directoryFor(double, { pageSize: 100 }, opened);

      const users = await collect(directory.listUsers());

      expect(users).toHaveLength(435);
      expect(new Set(users.map((u) => u.id)).size).toBe(435);
      expect(users.filter((u) => u.status === 'DEPROVISIONED')).toHaveLength(8);
      expect(users.filter((u) => u.status === 'SUSPENDED')).toHaveLength(13);
      // 427 non-deprovisioned users in pages of 100, then one page of deprovisioned ones.
      expect(double.requests.map((r) => r.path)).toEqual(Array(6).fill('/api/v1/users'));
      expect(double.requests[1]!.query).toMatch(/after=00u/);
      expect(decodeURIComponent(double.requests[5]!.query)).toContain('filter=status eq "DEPROVISIONED"');
      expect(directory.stats()).toEqual({ apiCalls: 6, retries: 0, rateLimited: 0 });
    });

    it('listUsers › records carry status, last login (or null) and the profile', async () => {
      const { directory } = directoryFor(double, {}, opened);

      const users = await collect(directory.listUsers());

      expect(users[0]).toEqual({
        id: expect.stringMatching(/^00u/),
        login: 'u0@acme.test',
        email: 'u0@acme.test',
        firstName: 'Test',
        lastName: 'User',
        status: 'ACTIVE',
        lastLogin: '2029-12-01T08:00:00.000Z',
        created: '2024-01-01T00:00:00.000Z',
      });
      expect(users[1]!.lastLogin).toBeNull();
      expect(users.find((u) => u.login === 'bruce.lee@acme.test')).toMatchObject({ firstName: 'Bruce', title: 'SRE' });
    });

    it('listGroupMembers › follows the cursor past 1,000 members', async () => {
      const { directory } = directoryFor(double, {}, opened);
      const groups = await collect(directory.listGroups());
      const big = groups.find((g) => g.name === 'everyone-ish')!;

      const members = await collect(directory.listGroupMembers(big.id));

      expect(groups.map((g) => g.name)).toEqual([
        'everyone-ish',
        'infra-approvers',
        'team-0',
        'team-1',
        'team-2',
        'team-3',
        'team-4',
      ]);
      expect(groups[0]).toEqual({ id: big.id, name: 'everyone-ish', description: 'big', type: 'OKTA_GROUP' });
      expect(members).toHaveLength(430);
      const memberPages = double.requests.filter((r) => r.path.endsWith('/users'));
      expect(memberPages).toHaveLength(1);
    });

    it('listUserGroups › the groups of one user', async () => {
      const { directory } = directoryFor(double, {}, opened);
      const ada = await directory.findUserByLoginOrEmail('ada@acme.test');

      const groups = await collect(directory.listUserGroups(ada!.id));

      expect(groups.map((g) => g.name)).toEqual(['infra-approvers']);
    });
  });

  describe('lookups', () => {
    it('findUserByLoginOrEmail › by login, in one call', async () => {
      const { directory } = directoryFor(double, {}, opened);

      const user = await directory.findUserByLoginOrEmail('Bruce.Lee@acme.test');

      expect(user).toMatchObject({ login: 'bruce.lee@acme.test', status: 'ACTIVE' });
      expect(directory.stats().apiCalls).toBe(1);
    });

    it('findUserByLoginOrEmail › login differs from the email › found by email filter', async () => {
      const { directory } = directoryFor(double, {}, opened);

      expect(await directory.findUserByLoginOrEmail('ada@acme.test')).toMatchObject({ login: 'ada' });
    });

    it('findUserByLoginOrEmail › nobody › undefined', async () => {
      const { directory } = directoryFor(double, {}, opened);

      expect(await directory.findUserByLoginOrEmail('nobody@acme.test')).toBeUndefined();
    });

    it('findUserByLoginOrEmail › quotes in the input › escaped, not an invalid filter', async () => {
      const { directory } = directoryFor(double, {}, opened);

      expect(await directory.findUserByLoginOrEmail('x" or status eq "ACTIVE')).toBeUndefined();
      expect(double.requests.every((r) => r.status !== 400)).toBe(true);
    });

    it('findUserByLoginOrEmail › two users share the email › refuses to guess', async () => {
      const { directory } = directoryFor(double, {}, opened);

      const err = await failure(directory.findUserByLoginOrEmail('twin@acme.test'));

      expect(err).toBeInstanceOf(OktaAmbiguousUserError);
      expect(err).toMatchObject({ code: 'okta_ambiguous_user', matches: 2 });
    });

    it.each([
      ['an ACTIVE member', 'bruce.lee@acme.test', true],
      ['an ACTIVE member found by email', 'ada@acme.test', true],
      ['a SUSPENDED member', 'gone@acme.test', false],
      ['a non-member', 'u1@acme.test', false],
      ['an unknown email', 'nobody@acme.test', false],
    ])('isMemberOfGroupNamed › %s › %s', async (_what, email, expected) => {
      const { directory } = directoryFor(double, {}, opened);

      expect(await directory.isMemberOfGroupNamed(email, 'infra-approvers')).toBe(expected);
    });

    it('orgInfo › the org URL only', () => {
      const { directory } = directoryFor(double, { orgUrl: `${double.url}/` }, opened);

      expect(directory.orgInfo()).toEqual({ orgUrl: double.url });
    });
  });

  describe('rate limits', () => {
    it('429 storm shorter than the retries › waits until the reset header, then succeeds', async () => {
      double.rateLimitStorm(2, { resetInSeconds: 30 });
      const { directory, waits } = directoryFor(double, { deadlineMs: 120_000 }, opened);

      const user = await directory.findUserByLoginOrEmail('bruce.lee@acme.test');

      expect(user?.login).toBe('bruce.lee@acme.test');
      expect(waits).toHaveLength(2);
      // reset = now + 30 s in whole seconds, measured against Okta's Date header, plus one second of margin.
      for (const wait of waits) {
        expect(wait).toBeGreaterThanOrEqual(30_000);
        expect(wait).toBeLessThanOrEqual(32_000);
      }
      expect(directory.stats()).toEqual({ apiCalls: 3, retries: 2, rateLimited: 2 });
    });

    it('429 storm longer than the retries › OktaRateLimitedError after maxRetries + 1 calls', async () => {
      double.rateLimitStorm(10, { resetInSeconds: 5 });
      const { directory, waits } = directoryFor(double, { maxRetries: 3 }, opened);

      const err = await failure(collect(directory.listGroups()));

      expect(err).toBeInstanceOf(OktaRateLimitedError);
      const e = err as OktaRateLimitedError;
      expect(e.code).toBe('okta_rate_limited');
      expect(e.message).toMatch(
        /^Okta GET \/api\/v1\/groups: still rate limited after 3 retries \(the limit resets at /,
      );
      expect(e.resetAt).toBeInstanceOf(Date);
      expect(double.calls).toBe(4);
      expect(waits).toHaveLength(3);
    });

    it('reset beyond the call deadline › gives up at once instead of sleeping past it', async () => {
      double.rateLimitStorm(1, { resetInSeconds: 120 });
      const { directory, waits } = directoryFor(double, { deadlineMs: 30_000 }, opened);

      const err = await failure(collect(directory.listGroups()));

      expect(err).toBeInstanceOf(OktaRateLimitedError);
      expect((err as Error).message).toContain("rate limited past this call's 30000 ms deadline");
      expect(waits).toEqual([]);
      expect(double.calls).toBe(1);
    });

    it('maxRetries 0 › one call, no retry (never "retry forever")', async () => {
      double.rateLimitStorm(5);
      const { directory } = directoryFor(double, { maxRetries: 0 }, opened);

      await expect(collect(directory.listGroups())).rejects.toBeInstanceOf(OktaRateLimitedError);
      expect(double.calls).toBe(1);
    });
  });

  describe('outages', () => {
    it('500 twice › retried with backoff, then the answer', async () => {
      double.failNext(2, { status: 500 });
      const { directory, waits } = directoryFor(double, {}, opened);

      const groups = await collect(directory.listGroups());

      expect(groups).toHaveLength(7);
      expect(waits).toEqual([188, 375]);
    });

    it('503 on every attempt › OktaUnavailableError naming the status', async () => {
      double.failNext(10, { status: 503 });
      const { directory } = directoryFor(double, { maxRetries: 2 }, opened);

      const err = await failure(collect(directory.listUsers()));

      expect(err).toBeInstanceOf(OktaUnavailableError);
      expect(err).toMatchObject({ code: 'okta_unavailable', reason: 'server_error', status: 503 });
      expect(double.calls).toBe(3);
    });

    it('hung connection › each attempt times out › OktaUnavailableError(timeout)', async () => {
      double.hangNext(2);
      const { directory } = directoryFor(double, { maxRetries: 1, requestTimeoutMs: 150 }, opened);

      const err = await failure(directory.findUserByLoginOrEmail('bruce.lee@acme.test'));

      expect(err).toMatchObject({ code: 'okta_unavailable', reason: 'timeout' });
      expect((err as Error).message).toBe('Okta GET /api/v1/users/bruce.lee@acme.test: no answer within 150 ms');
    });

    it('dropped connection once › retried', async () => {
      double.dropNext(1);
      const { directory } = directoryFor(double, {}, opened);

      expect(await directory.findUserByLoginOrEmail('ada@acme.test')).toMatchObject({ login: 'ada' });
    });

    it('nothing listening › OktaUnavailableError(unreachable) after the retries', async () => {
      const port = await freePort();
      const { directory } = directoryFor(double, { orgUrl: `http://127.0.0.1:${port}`, maxRetries: 2 }, opened);

      const err = await failure(collect(directory.listUsers()));

      expect(err).toBeInstanceOf(OktaUnavailableError);
      expect(err).toMatchObject({ reason: 'unreachable' });
      expect((err as Error).message).toBe('Okta GET /api/v1/users: cannot reach Okta (ECONNREFUSED)');
      expect(directory.stats().apiCalls).toBe(3);
    });
  });

  describe('credentials', () => {
    it('wrong token › OktaRequestError(401) at once, and the token appears nowhere', async () => {
      const wrong = 'ssws-wrong-token-do-not-leak';
      const { directory } = directoryFor(double, { token: wrong }, opened);

      const err = await failure(collect(directory.listUsers()));

      expect(err).toBeInstanceOf(OktaRequestError);
      expect(err).toMatchObject({ status: 401, oktaCode: 'E0000011' });
      expect((err as Error).message).toBe('Okta listUsers: 401 Invalid token provided (E0000011)');
      expect(double.calls).toBe(1);
      const seen = JSON.stringify({ ...(err as object), message: (err as Error).message, stack: (err as Error).stack });
      expect(seen).not.toContain(wrong);
      expect((err as Error).cause).toBeUndefined();
    });

    it('OAuth service app › private_key_jwt token, then Bearer calls', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      double.oauth.register('0oa-infra-bot', publicKey.export({ type: 'spki', format: 'pem' }).toString());
      const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const { directory } = directoryFor(
        double,
        { token: undefined, clientId: '0oa-infra-bot', privateKey: pem },
        opened,
      );

      const groups = await collect(directory.listGroups());

      expect(groups).toHaveLength(7);
      expect(double.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'POST /oauth2/v1/token 200',
        'GET /api/v1/groups 200',
      ]);
    });

    it.each([
      [{ token: undefined }, 'exactly one of'],
      [{ clientId: 'x' }, 'exactly one of'],
      [{ token: undefined, clientId: 'x' }, 'both clientId and privateKey'],
      [{ orgUrl: 'acme.okta.com' }, 'http(s) URL'],
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ maxRetries: 1.5 }, 'maxRetries'],
      [{ deadlineMs: 0 }, 'deadlineMs'],
    ])('bad options %j › refused at construction', (options, message) => {
      expect(() => directoryFor(double, options, opened)).toThrow(message);
    });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
