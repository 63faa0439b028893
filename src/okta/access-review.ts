// The access review (pure): every Okta user with status, last sign-in and groups; inactive accounts; users and groups
// no spec manages; drift between specs and Okta; who can assume each IamSsoRole. With partial data, nothing is
// claimed that the missing part could contradict: it is listed under `undetermined` instead.
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { IntentSpec } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { byCodePoint } from '../synth/stacks.js';
import { groupDifferences, userDifferences, type MembershipView } from './access-drift.js';
import type { AccessReview, DriftItem, ReviewUser } from './access-review-model.js';
import { roleAccess } from './access-roles.js';
import type { PartialAccessData } from './collect-access-data.js';
import { matchSpecs } from './match-specs.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

export interface AccessReviewInput {
  users: readonly OktaUserRecord[];
  groups: readonly OktaGroupRecord[];
  /** Group id → member user ids, for the groups whose members were read. */
  memberships: ReadonlyMap<string, readonly string[]>;
  specs: readonly IntentSpec[];
  now: Date;
  /** No sign-in for this many days makes an account inactive (default 90). */
  inactiveDays?: number;
  /** Repo `sso` settings, for the role ARNs. */
  sso?: RepoConfig['sso'];
  partial?: PartialAccessData;
  apiCalls?: number;
}

const DAY_MS = 86_400_000;
const OFF = new Set(['SUSPENDED', 'DEPROVISIONED']);

const ofKind = <K extends IntentSpec['kind']>(specs: readonly IntentSpec[], kind: K) =>
  specs.filter((s): s is Extract<IntentSpec, { kind: K }> => s.kind === kind);

export function buildAccessReview(input: AccessReviewInput): AccessReview {
  const { users, groups, now, partial, inactiveDays = 90 } = input;
  if (!Number.isInteger(inactiveDays) || inactiveDays < 1)
    throw new RangeError('inactiveDays must be a whole number ≥ 1');
  const userSpecs = ofKind(input.specs, 'OktaUser');
  const groupSpecs = ofKind(input.specs, 'OktaGroup');
  const match = matchSpecs(users, groups, userSpecs, groupSpecs);
  const members = new Map([...input.memberships].map(([id, ids]) => [id, new Set(ids)]));
  const view: MembershipView = { groupOfSpec: match.groupOfSpec, members };
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const loginOf = new Map(users.map((u) => [u.id, u.login]));
  const groupsOfUser = new Map<string, string[]>();
  for (const [groupId, ids] of members) {
    for (const id of ids) {
      const list = groupsOfUser.get(id) ?? [];
      if (list.length === 0) groupsOfUser.set(id, list);
      list.push(groupName.get(groupId) ?? groupId);
    }
  }

  const drift: DriftItem[] = [];
  const undetermined: string[] = [];
  const driftOfUser = new Map<string, string[]>();
  for (const spec of userSpecs) {
    const user = match.userOfSpec.get(spec.metadata.name);
    if (!user) {
      if (partial && !partial.usersComplete)
        undetermined.push(`${specKey(spec)}: not among the ${users.length} users read`);
      else drift.push({ spec: specKey(spec), file: spec.file, kind: 'missing', differences: [] });
      continue;
    }
    const differences = userDifferences(spec, user, view);
    driftOfUser.set(
      user.id,
      differences.map((d) => d.field),
    );
    if (differences.length > 0) drift.push({ spec: specKey(spec), file: spec.file, kind: 'changed', differences });
  }
  for (const spec of groupSpecs) {
    const group = match.groupOfSpec.get(spec.metadata.name);
    if (!group) {
      if (partial && !partial.groupsComplete)
        undetermined.push(`${specKey(spec)}: not among the ${groups.length} groups read`);
      else drift.push({ spec: specKey(spec), file: spec.file, kind: 'missing', differences: [] });
      continue;
    }
    const memberIds = members.get(group.id);
    if (!memberIds) undetermined.push(`${specKey(spec)}: members not read, membership drift not checked`);
    const unmanaged = [...(memberIds ?? [])]
      .filter((id) => !match.specOfUser.has(id))
      .map((id) => loginOf.get(id) ?? id);
    const differences = groupDifferences(spec, group, unmanaged.sort(byCodePoint));
    if (differences.length > 0) drift.push({ spec: specKey(spec), file: spec.file, kind: 'changed', differences });
  }

  const reviewUsers = [...users]
    .sort((a, b) => byCodePoint(a.login.toLowerCase(), b.login.toLowerCase()))
    .map((u): ReviewUser => {
      const since = u.lastLogin ?? u.created;
      const quiet = since === null || now.getTime() - Date.parse(since) > inactiveDays * DAY_MS;
      return {
        id: u.id,
        login: u.login,
        email: u.email,
        name: `${u.firstName} ${u.lastName}`.trim(),
        status: u.status,
        lastLogin: u.lastLogin,
        groups: (groupsOfUser.get(u.id) ?? []).sort(byCodePoint),
        managedBy: match.specOfUser.get(u.id) ?? null,
        inactive: !OFF.has(u.status) && quiet,
        daysSinceLogin: u.lastLogin ? Math.floor((now.getTime() - Date.parse(u.lastLogin)) / DAY_MS) : null,
        drift: driftOfUser.get(u.id) ?? [],
      };
    });
  const silence = (u: ReviewUser) => (u.lastLogin ? Date.parse(u.lastLogin) : -Infinity);
  const inactive = reviewUsers.filter((u) => u.inactive).sort((a, b) => silence(a) - silence(b));
  const unmanagedUsers = reviewUsers
    .filter((u) => !u.managedBy)
    .sort((a, b) => Number(OFF.has(a.status)) - Number(OFF.has(b.status)));
  const unmanagedGroups = groups
    .filter((g) => g.type === 'OKTA_GROUP' && !match.specOfGroup.has(g.id))
    .map((g) => ({ id: g.id, name: g.name, members: members.get(g.id)?.size ?? null }))
    .sort((a, b) => byCodePoint(a.name, b.name));
  const roles = roleAccess({
    roles: ofKind(input.specs, 'IamSsoRole'),
    userSpecs,
    groupSpecs,
    users,
    view,
    sso: input.sso,
    groupsComplete: !partial || partial.groupsComplete,
  });
  for (const role of roles) {
    if (role.live === null) undetermined.push(`IamSsoRole/${role.role}: who is in ${role.groupName} is unknown`);
  }
  drift.sort((a, b) => byCodePoint(a.spec, b.spec));

  const byStatus: Record<string, number> = {};
  for (const u of users) byStatus[u.status] = (byStatus[u.status] ?? 0) + 1;
  return {
    generatedAt: now.toISOString(),
    inactiveDays,
    counts: {
      users: users.length,
      byStatus,
      groups: groups.length,
      managedUsers: match.specOfUser.size,
      managedGroups: match.specOfGroup.size,
      inactive: inactive.length,
      unmanagedUsers: unmanagedUsers.length,
      unmanagedGroups: unmanagedGroups.length,
      drift: drift.length,
      roles: roles.length,
    },
    users: reviewUsers,
    inactive,
    unmanagedUsers,
    unmanagedGroups,
    drift,
    roles,
    undetermined,
    ...(partial ? { partial } : {}),
    ...(input.apiCalls === undefined ? {} : { apiCalls: input.apiCalls }),
  };
}
