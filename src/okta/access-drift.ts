// Spec vs Okta, field by field. Pure. Membership differences are only claimed for groups whose members were read.
import type { IntentSpecOf } from '../specs/model.js';
import type { Difference } from './access-review-model.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

/**
 * Okta statuses that are not drift for a spec saying ACTIVE: PROVISIONED is an activated user who has not set a
 * password yet (what a password-less API create gives), and the others are states of an activated account.
 */
const ACTIVE_LIKE = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);

export interface MembershipView {
  /** OktaGroup spec name → its Okta group, when it exists. */
  groupOfSpec: ReadonlyMap<string, OktaGroupRecord>;
  /** Okta group id → member user ids, for groups whose members were read. */
  members: ReadonlyMap<string, ReadonlySet<string>>;
}

const same = (a: string | undefined | null, b: string | undefined | null) => (a ?? '') === (b ?? '');
const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function userDifferences(
  spec: IntentSpecOf<'OktaUser'>,
  user: OktaUserRecord,
  view: MembershipView,
): Difference[] {
  const s = spec.spec;
  const diffs: Difference[] = [];
  const statusMatches = s.status === 'ACTIVE' ? ACTIVE_LIKE.has(user.status) : s.status === user.status;
  if (!statusMatches) diffs.push({ field: 'status', spec: s.status, okta: user.status });
  if (!sameIgnoringCase(s.login, user.login)) diffs.push({ field: 'login', spec: s.login, okta: user.login });
  if (!sameIgnoringCase(s.email, user.email)) diffs.push({ field: 'email', spec: s.email, okta: user.email });
  if (!same(s.firstName, user.firstName)) diffs.push({ field: 'firstName', spec: s.firstName, okta: user.firstName });
  if (!same(s.lastName, user.lastName)) diffs.push({ field: 'lastName', spec: s.lastName, okta: user.lastName });
  // The provider leaves title/department alone when the spec does not set them.
  if (s.title !== undefined && !same(s.title, user.title)) {
    diffs.push({ field: 'title', spec: s.title, okta: user.title ?? '' });
  }
  if (s.department !== undefined && !same(s.department, user.department)) {
    diffs.push({ field: 'department', spec: s.department, okta: user.department ?? '' });
  }
  const groups = groupDifference(new Set(s.groups), user.id, view);
  if (groups) diffs.push(groups);
  return diffs;
}

/** Declared vs actual membership in the groups specs manage (membership in other groups is not the specs' business). */
function groupDifference(declared: ReadonlySet<string>, userId: string, view: MembershipView): Difference | undefined {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [specName, group] of view.groupOfSpec) {
    const members = view.members.get(group.id);
    if (!members) continue;
    const isMember = members.has(userId);
    if (declared.has(specName) && !isMember) missing.push(specName);
    if (!declared.has(specName) && isMember) extra.push(specName);
  }
  if (missing.length === 0 && extra.length === 0) return undefined;
  const change = [...extra.sort().map((g) => `+${g}`), ...missing.sort().map((g) => `-${g}`)].join(' ');
  return { field: 'groups', spec: [...declared].sort().join(', '), okta: change };
}

export function groupDifferences(
  spec: IntentSpecOf<'OktaGroup'>,
  group: OktaGroupRecord,
  unmanagedMembers: readonly string[],
): Difference[] {
  const diffs: Difference[] = [];
  if (group.name !== spec.spec.displayName) {
    diffs.push({ field: 'name', spec: spec.spec.displayName, okta: group.name });
  }
  if (!same(spec.spec.description, group.description)) {
    diffs.push({ field: 'description', spec: spec.spec.description ?? '', okta: group.description ?? '' });
  }
  if (unmanagedMembers.length > 0) {
    diffs.push({ field: 'members without a spec', spec: '', okta: unmanagedMembers.join(', ') });
  }
  return diffs;
}
