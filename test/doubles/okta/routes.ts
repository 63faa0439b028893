// Okta Management API read routes over OktaState, with Okta's cursor pagination: `limit` + `after`, and a
// `Link: <…>; rel="next"` header while more remain.
import { ExpressionError, parseExpression } from './expression.js';
import type { DoubleGroup, DoubleUser, OktaState } from './state.js';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const oktaError = (status: number, errorCode: string, errorSummary: string): Reply => ({
  status,
  body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${Date.now().toString(36)}`, errorCauses: [] },
});

const USER_FIELDS = ['status', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName'];
const GROUP_FIELDS = ['type', 'id', 'profile.name'];

const userJson = (u: DoubleUser, base: string) => ({
  id: u.id,
  status: u.status,
  created: u.created,
  activated: u.status === 'STAGED' ? null : u.created,
  statusChanged: u.created,
  lastLogin: u.lastLogin,
  lastUpdated: u.created,
  passwordChanged: null,
  type: { id: 'oty00000000000000001' },
  profile: { mobilePhone: null, secondEmail: null, ...u.profile },
  credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
  _links: { self: { href: `${base}/api/v1/users/${u.id}` } },
});

const groupJson = (g: DoubleGroup, base: string) => ({
  id: g.id,
  created: g.created,
  lastUpdated: g.created,
  lastMembershipUpdated: g.created,
  objectClass: ['okta:user_group'],
  type: g.type,
  profile: g.profile,
  _links: { users: { href: `${base}/api/v1/groups/${g.id}/users` } },
});

function page<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  link: { base: string; path: string },
  limits: { default: number; max: number },
  render: (item: T) => unknown,
): Reply {
  const requested = query.has('limit') ? Number(query.get('limit')) : limits.default;
  if (!Number.isInteger(requested) || requested < 1) return oktaError(400, 'E0000001', 'Api validation failed: limit');
  const limit = Math.min(requested, limits.max);
  const after = query.get('after');
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  if (after && start === 0) return oktaError(400, 'E0000031', 'Invalid search criteria: after');
  const slice = items.slice(start, start + limit);
  const self = `<${link.base}${link.path}?${query.toString()}>; rel="self"`;
  const headers: Record<string, string> = { link: self };
  if (start + limit < items.length && slice.length > 0) {
    const next = new URLSearchParams(query);
    next.set('after', slice.at(-1)!.id);
    next.set('limit', String(limit));
    headers.link = `${self}, <${link.base}${link.path}?${next.toString()}>; rel="next"`;
  }
  return { status: 200, body: slice.map(render), headers };
}

function filtered<T>(items: readonly T[], query: URLSearchParams, fields: readonly string[]): T[] | Reply {
  let result = [...items];
  for (const param of ['filter', 'search'] as const) {
    const text = query.get(param);
    if (text === null) continue;
    try {
      const predicate = parseExpression(text, fields);
      result = result.filter((item) => predicate(item as Record<string, unknown>));
    } catch (err) {
      if (err instanceof ExpressionError) return oktaError(400, 'E0000031', `Invalid search criteria: ${err.message}`);
      throw err;
    }
  }
  return result;
}

export function route(state: OktaState, base: string, path: string, query: URLSearchParams): Reply {
  const segments = path.split('/').slice(4).map(decodeURIComponent); // after /api/v1/<collection>
  const collection = path.split('/')[3];
  const link = { base, path };
  if (collection === 'users') {
    if (segments.length === 0) {
      const some = filtered(state.users, query, USER_FIELDS);
      if (!Array.isArray(some)) return some;
      // Okta leaves DEPROVISIONED users out of a listing that has neither filter nor search.
      const visible =
        query.has('filter') || query.has('search') ? some : some.filter((u) => u.status !== 'DEPROVISIONED');
      const q = query.get('q')?.toLowerCase();
      const found = q
        ? visible.filter((u) =>
            [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => v.toLowerCase().startsWith(q)),
          )
        : visible;
      return page(found, query, link, { default: 200, max: 200 }, (u) => userJson(u, base));
    }
    const user = state.user(segments[0]!);
    if (!user) return oktaError(404, 'E0000007', `Not found: Resource not found: ${segments[0]} (User)`);
    if (segments.length === 1) return { status: 200, body: userJson(user, base) };
    if (segments.length === 2 && segments[1] === 'groups') {
      return page(state.groupsOf(user.id), query, link, { default: 10_000, max: 10_000 }, (g) => groupJson(g, base));
    }
  }
  if (collection === 'groups') {
    if (segments.length === 0) {
      const some = filtered(state.groups, query, GROUP_FIELDS);
      if (!Array.isArray(some)) return some;
      const q = query.get('q')?.toLowerCase();
      const found = q ? some.filter((g) => g.profile.name.toLowerCase().startsWith(q)) : some;
      return page(found, query, link, { default: 10_000, max: 10_000 }, (g) => groupJson(g, base));
    }
    const group = state.group(segments[0]!);
    if (!group) return oktaError(404, 'E0000007', `Not found: Resource not found: ${segments[0]} (UserGroup)`);
    if (segments.length === 1) return { status: 200, body: groupJson(group, base) };
    if (segments.length === 2 && segments[1] === 'users') {
      const ids = state.members.get(group.id) ?? new Set<string>();
      const members = [...ids].map((id) => state.user(id)!);
      return page(members, query, link, { default: 1000, max: 1000 }, (u) => userJson(u, base));
    }
  }
  return oktaError(404, 'E0000022', `The endpoint does not support the provided HTTP method`);
}
