// Access before vs after, as statements people read: "bruce.lee joins security-engineering → can assume
// security-readonly". Computed per (user, role) pair, then grouped: changes that come from a user (joins, leaves,
// suspended) list that user's roles; changes that come from a role (created, new policies) list its users.
import type { Expiries, Expiry } from './expiry.js';
import { expiryOf } from './expiry.js';
import type { Grant, GroupRef, IdentityView, RoleAccess, UserRef } from './access-grants.js';

export type AccessCause =
  // from the user
  | 'new-user'
  | 'joined-group'
  | 'reactivated'
  | 'user-removed'
  | 'left-group'
  | 'suspended'
  | 'deprovisioned'
  // from the role
  | 'role-created'
  | 'role-removed'
  | 'role-regrouped'
  | 'policies'
  | 'inline-policy'
  | 'session';

const USER_CAUSES: ReadonlySet<AccessCause> = new Set([
  'new-user',
  'joined-group',
  'reactivated',
  'user-removed',
  'left-group',
  'suspended',
  'deprovisioned',
]);
export const isUserCause = (cause: AccessCause): boolean => USER_CAUSES.has(cause);

export interface AccessStatement {
  direction: 'gained' | 'removed';
  cause: AccessCause;
  /** Sorted by login. One user for user-level causes. */
  users: UserRef[];
  group: GroupRef;
  /** As on the side that matters: head for gained, base for removed. One role for role-level causes. */
  roles: RoleAccess[];
  /** `policies`: the managed policies gained or lost. */
  policies?: string[];
  /** `session`: the longest session before and after. */
  session?: { beforeSeconds: number; afterSeconds: number };
  /** `inline-policy`: what happened to the role's inline policy. */
  inline?: 'added' | 'removed' | 'changed';
  /** Gained access that ends when a spec expires: the user's or the group's (user-level), the role's or the group's. */
  until?: Expiry;
}

interface Pair {
  direction: 'gained' | 'removed';
  cause: AccessCause;
  grant: Grant;
  detail?: Pick<AccessStatement, 'policies' | 'session' | 'inline'>;
}

export interface AccessDiffOptions {
  now: Date;
  expiries?: Expiries;
}

export function diffAccess(base: IdentityView, head: IdentityView, options: AccessDiffOptions): AccessStatement[] {
  const pairs: Pair[] = [];
  for (const [key, grant] of head.grants) {
    const before = base.grants.get(key);
    if (before) pairs.push(...roleChanges(before, grant));
    else pairs.push({ direction: 'gained', cause: gainedCause(grant, base), grant });
  }
  for (const [key, grant] of base.grants) {
    if (!head.grants.has(key)) pairs.push({ direction: 'removed', cause: removedCause(grant, head), grant });
  }
  return group(pairs, options);
}

function gainedCause(grant: Grant, base: IdentityView): AccessCause {
  const role = base.roles.get(grant.role.name);
  if (!role) return 'role-created';
  if (role.spec.oktaGroup !== grant.group.name) return 'role-regrouped';
  const user = base.users.get(grant.user.name);
  if (!user) return 'new-user';
  if (user.spec.status !== 'ACTIVE') return 'reactivated';
  return 'joined-group';
}

function removedCause(grant: Grant, head: IdentityView): AccessCause {
  const role = head.roles.get(grant.role.name);
  if (!role) return 'role-removed';
  if (role.spec.oktaGroup !== grant.group.name) return 'role-regrouped';
  const user = head.users.get(grant.user.name);
  if (!user) return 'user-removed';
  if (user.spec.status === 'SUSPENDED') return 'suspended';
  if (user.spec.status === 'DEPROVISIONED') return 'deprovisioned';
  return 'left-group';
}

/** The same user keeps the same role: what the role itself gains or loses. */
function roleChanges(before: Grant, after: Grant): Pair[] {
  const pairs: Pair[] = [];
  const was = new Set(before.role.policies);
  const now = new Set(after.role.policies);
  const added = after.role.policies.filter((p) => !was.has(p));
  const removed = before.role.policies.filter((p) => !now.has(p));
  if (added.length > 0)
    pairs.push({ direction: 'gained', cause: 'policies', grant: after, detail: { policies: added } });
  if (removed.length > 0) {
    pairs.push({ direction: 'removed', cause: 'policies', grant: before, detail: { policies: removed } });
  }
  if (before.inlineJson !== after.inlineJson) {
    // A changed inline policy may grant more: it is listed with what is gained, for review.
    const inline = before.inlineJson === undefined ? 'added' : after.inlineJson === undefined ? 'removed' : 'changed';
    const direction = inline === 'removed' ? 'removed' : 'gained';
    pairs.push({ direction, cause: 'inline-policy', grant: inline === 'removed' ? before : after, detail: { inline } });
  }
  const [b, a] = [before.role.maxSessionSeconds, after.role.maxSessionSeconds];
  if (a !== b) {
    const session = { beforeSeconds: b, afterSeconds: a };
    pairs.push({
      direction: a > b ? 'gained' : 'removed',
      cause: 'session',
      grant: a > b ? after : before,
      detail: { session },
    });
  }
  return pairs;
}

const CAUSE_ORDER: readonly AccessCause[] = [
  'role-removed',
  'user-removed',
  'deprovisioned',
  'suspended',
  'left-group',
  'role-created',
  'new-user',
  'reactivated',
  'joined-group',
  'role-regrouped',
  'policies',
  'inline-policy',
  'session',
];

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function group(pairs: readonly Pair[], options: AccessDiffOptions): AccessStatement[] {
  const statements = new Map<string, AccessStatement>();
  for (const pair of pairs) {
    const { grant, cause, direction } = pair;
    const byUser = isUserCause(cause);
    const detail = JSON.stringify(pair.detail ?? {});
    const key = [direction, cause, byUser ? grant.user.name : grant.role.name, grant.group.name, detail].join('\u0000');
    const existing = statements.get(key);
    if (existing) {
      if (byUser) existing.roles.push(grant.role);
      else existing.users.push(grant.user);
      continue;
    }
    const statement: AccessStatement = {
      direction,
      cause,
      users: [grant.user],
      group: grant.group,
      roles: [grant.role],
      ...pair.detail,
    };
    const until = direction === 'gained' ? untilOf(grant, byUser, options) : undefined;
    if (until) statement.until = until;
    statements.set(key, statement);
  }
  const list = [...statements.values()];
  for (const s of list) {
    s.users.sort((a, b) => byCodePoint(a.login, b.login));
    s.roles.sort((a, b) => byCodePoint(a.name, b.name));
  }
  return list.sort(
    (a, b) =>
      (a.direction === b.direction ? 0 : a.direction === 'removed' ? -1 : 1) ||
      CAUSE_ORDER.indexOf(a.cause) - CAUSE_ORDER.indexOf(b.cause) ||
      byCodePoint(a.users[0]!.login, b.users[0]!.login) ||
      byCodePoint(a.roles[0]!.name, b.roles[0]!.name),
  );
}

function untilOf(grant: Grant, byUser: boolean, { now, expiries }: AccessDiffOptions): Expiry | undefined {
  // What every user or role listed in the statement shares, so the date holds for the whole line.
  const sources = [byUser ? grant.userSpec : grant.roleSpec, grant.groupSpec];
  for (const spec of sources) {
    const expiry = spec && expiryOf(spec, now, expiries);
    if (expiry) return expiry;
  }
  return undefined;
}
