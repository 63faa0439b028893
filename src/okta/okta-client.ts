// Read-side Okta directory, built once per process: users (every status), groups, memberships and lookups through
// okta-sdk-nodejs (its Collections follow the `Link: rel="next"` cursor), with every HTTP call bounded by
// BoundedRequestExecutor. The SDK's response cache is switched off: a review must see Okta now, and caching 10,000
// users in memory is what the RSS budget cannot afford.
import okta from '@okta/okta-sdk-nodejs';
import { systemClock, type Clock } from '../jobs/clock.js';
import { BoundedRequestExecutor, type OktaCallStats } from './bounded-request-executor.js';
import { OktaAmbiguousUserError } from './errors.js';
import { toGroupRecord, toUserRecord, type OktaGroupRecord, type OktaUserRecord } from './records.js';
import { eqExpression, pagesOf, statusOf, translateError } from './sdk-calls.js';

export interface OktaDirectory {
  /** Every user, DEPROVISIONED and SUSPENDED included. */
  listUsers(): AsyncIterable<OktaUserRecord>;
  listGroups(): AsyncIterable<OktaGroupRecord>;
  listGroupMembers(groupId: string): AsyncIterable<OktaUserRecord>;
  listUserGroups(userId: string): AsyncIterable<OktaGroupRecord>;
  /** The user whose login is `email`, else the only user with that primary email; undefined when none. */
  findUserByLoginOrEmail(email: string): Promise<OktaUserRecord | undefined>;
  /** True only for an ACTIVE user who is a member of a group named exactly `groupName` (an approver check). */
  isMemberOfGroupNamed(email: string, groupName: string): Promise<boolean>;
  orgInfo(): { orgUrl: string };
  /** HTTP calls made so far, retries included. */
  stats(): OktaCallStats;
  /** Closes pooled connections. */
  close(): void;
}

export interface OktaDirectoryOptions {
  orgUrl: string;
  /** SSWS API token; or an OAuth service app with `clientId` + `privateKey` (PEM or JWK JSON). */
  token?: string;
  clientId?: string;
  privateKey?: string;
  keyId?: string;
  scopes?: string[];
  /** Retries of one call on 429, 5xx or a network failure (default 3). */
  maxRetries?: number;
  /** One HTTP attempt (default 10 s). */
  requestTimeoutMs?: number;
  /** One call, retries and rate-limit waits included (default 60 s). */
  deadlineMs?: number;
  /** Users and groups per page (Okta's maximum for these endpoints is 200). */
  pageSize?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_OKTA_SCOPES = ['okta.users.read', 'okta.groups.read'];
const MEMBERS_PAGE = 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOktaDirectory(options: OktaDirectoryOptions): OktaDirectory {
  const orgUrl = checkOptions(options);
  const { maxRetries = 3, requestTimeoutMs = 10_000, deadlineMs = 60_000, pageSize = 200 } = options;
  const executor = new BoundedRequestExecutor(orgUrl, {
    maxRetries,
    requestTimeoutMs,
    deadlineMs,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? realSleep,
    ...(options.random ? { random: options.random } : {}),
  });
  const client = new okta.Client({
    orgUrl,
    requestExecutor: executor,
    cacheMiddleware: null,
    ...(options.token
      ? { authorizationMode: 'SSWS', token: options.token }
      : {
          authorizationMode: 'PrivateKey',
          clientId: options.clientId,
          privateKey: options.privateKey,
          scopes: options.scopes ?? DEFAULT_OKTA_SCOPES,
          ...(options.keyId ? { keyId: options.keyId } : {}),
        }),
  });
  const { userApi, groupApi } = client;

  async function* listUsers(): AsyncIterable<OktaUserRecord> {
    // A plain listing leaves out DEPROVISIONED users; a status filter (not search: filters read current data) adds them.
    yield* pagesOf('listUsers', () => userApi.listUsers({ limit: pageSize }), toUserRecord);
    yield* pagesOf(
      'listUsers(DEPROVISIONED)',
      () => userApi.listUsers({ filter: eqExpression('status', 'DEPROVISIONED'), limit: pageSize }),
      toUserRecord,
    );
  }

  const listUserGroups = (userId: string) =>
    pagesOf('listUserGroups', () => userApi.listUserGroups({ userId }), toGroupRecord);

  async function findUserByLoginOrEmail(email: string): Promise<OktaUserRecord | undefined> {
    const wanted = email.trim().toLowerCase();
    // Logins holding "/" cannot be fetched by login (Okta's URL rules); the email filter still finds them.
    if (wanted && !wanted.includes('/')) {
      try {
        const user = toUserRecord(await userApi.getUser({ userId: wanted }));
        if (user.login.toLowerCase() === wanted) return user;
      } catch (err) {
        if (statusOf(err) !== 404) throw translateError('getUser', err);
      }
    }
    const matches: OktaUserRecord[] = [];
    const filter = eqExpression('profile.email', wanted);
    for await (const user of pagesOf('listUsers(email)', () => userApi.listUsers({ filter }), toUserRecord)) {
      if (user.email.toLowerCase() === wanted) matches.push(user);
    }
    if (matches.length > 1) throw new OktaAmbiguousUserError('findUserByLoginOrEmail', email, matches.length);
    return matches[0];
  }

  return {
    listUsers,
    listGroups: () => pagesOf('listGroups', () => groupApi.listGroups({ limit: pageSize }), toGroupRecord),
    listGroupMembers: (groupId) =>
      pagesOf('listGroupUsers', () => groupApi.listGroupUsers({ groupId, limit: MEMBERS_PAGE }), toUserRecord),
    listUserGroups,
    findUserByLoginOrEmail,
    async isMemberOfGroupNamed(email, groupName) {
      const user = await findUserByLoginOrEmail(email);
      if (!user || user.status !== 'ACTIVE') return false;
      for await (const group of listUserGroups(user.id)) {
        if (group.name === groupName) return true;
      }
      return false;
    },
    orgInfo: () => ({ orgUrl }),
    stats: () => ({ ...executor.stats }),
    close: () => executor.close(),
  };
}

/** Returns the org URL without a trailing slash; throws on a configuration that could never work. */
function checkOptions(options: OktaDirectoryOptions): string {
  let url: URL;
  try {
    url = new URL(options.orgUrl);
  } catch {
    throw new TypeError('Okta orgUrl must be an http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('Okta orgUrl must be an http(s) URL');
  const oauth = Boolean(options.clientId || options.privateKey);
  if (Boolean(options.token) === oauth) {
    throw new TypeError('Okta needs exactly one of: an API token, or an OAuth clientId with its privateKey');
  }
  if (oauth && !(options.clientId && options.privateKey)) {
    throw new TypeError('Okta OAuth needs both clientId and privateKey');
  }
  const { maxRetries = 3 } = options;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
    throw new RangeError('Okta maxRetries must be a whole number from 0 to 10');
  }
  for (const [name, value] of [
    ['requestTimeoutMs', options.requestTimeoutMs],
    ['deadlineMs', options.deadlineMs],
    ['pageSize', options.pageSize],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new RangeError(`Okta ${name} must be a positive whole number`);
    }
  }
  return url.href.replace(/\/+$/, '');
}
