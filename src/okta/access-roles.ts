// Who can assume each IamSsoRole: the members of its Okta group, as the specs declare them and as Okta has them. Pure.
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { IntentSpecOf } from '../specs/model.js';
import { iamRoleArn } from '../kinds/iam-sso-role/saml-federation.js';
import { byCodePoint } from '../synth/stacks.js';
import type { MembershipView } from './access-drift.js';
import type { RoleAccess } from './access-review-model.js';
import type { OktaUserRecord } from './records.js';

export interface RoleAccessInput {
  roles: readonly IntentSpecOf<'IamSsoRole'>[];
  userSpecs: readonly IntentSpecOf<'OktaUser'>[];
  groupSpecs: readonly IntentSpecOf<'OktaGroup'>[];
  users: readonly OktaUserRecord[];
  view: MembershipView;
  sso: RepoConfig['sso'];
  /** False when the group listing was cut short: a group not found may exist. */
  groupsComplete: boolean;
}

export function roleAccess(input: RoleAccessInput): RoleAccess[] {
  const { roles, userSpecs, groupSpecs, users, view, sso } = input;
  const byId = new Map(users.map((u) => [u.id, u]));
  const displayName = new Map(groupSpecs.map((g) => [g.metadata.name, g.spec.displayName]));
  return [...roles]
    .sort((a, b) => byCodePoint(a.metadata.name, b.metadata.name))
    .map((role) => {
      const groupSpec = role.spec.oktaGroup;
      const group = view.groupOfSpec.get(groupSpec);
      const bySpec = userSpecs
        .filter((u) => u.spec.groups.includes(groupSpec))
        .map((u) => u.spec.login)
        .sort(byCodePoint);
      const ids = group ? view.members.get(group.id) : input.groupsComplete ? new Set<string>() : undefined;
      const live = ids
        ? [...ids]
            .map((id) => byId.get(id))
            .filter((u): u is OktaUserRecord => u !== undefined)
            .map((u) => ({ login: u.login, status: u.status }))
            .sort((a, b) => byCodePoint(a.login, b.login))
        : null;
      const liveLogins = new Set((live ?? []).map((m) => m.login.toLowerCase()));
      const specLogins = new Set(bySpec.map((l) => l.toLowerCase()));
      return {
        role: role.metadata.name,
        roleArn: sso ? iamRoleArn(sso, role.metadata.name) : null,
        group: groupSpec,
        groupName: group?.name ?? displayName.get(groupSpec) ?? groupSpec,
        groupInOkta: group !== undefined,
        bySpec,
        live,
        onlyInOkta: live ? live.map((m) => m.login).filter((l) => !specLogins.has(l.toLowerCase())) : [],
        onlyInSpec: live ? bySpec.filter((l) => !liveLogins.has(l.toLowerCase())) : [],
      };
    });
}
