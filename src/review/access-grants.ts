// Who can assume which AWS role, from the identity specs alone: an ACTIVE OktaUser in the OktaGroup an IamSsoRole
// names. One grant per (user, role); a role names one group, so the group is implied.
import type { IamPolicyDocument, IntentSpec, IntentSpecOf, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';

export interface UserRef {
  key: SpecKey;
  /** Spec name. */
  name: string;
  /** Okta login (an email): the name people read. */
  login: string;
}

export interface GroupRef {
  /** Spec name. */
  name: string;
  displayName: string;
}

export interface RoleAccess {
  name: string;
  accountId?: string;
  /** Readable names of the managed policies (`ReadOnlyAccess`), sorted. */
  policies: string[];
  inlinePolicy: boolean;
  maxSessionSeconds: number;
}

export interface Grant {
  user: UserRef;
  group: GroupRef;
  role: RoleAccess;
  /** For comparing sides only. */
  inlineJson?: string;
  userSpec: IntentSpecOf<'OktaUser'>;
  roleSpec: IntentSpecOf<'IamSsoRole'>;
  groupSpec?: IntentSpecOf<'OktaGroup'>;
}

export interface IdentityView {
  users: Map<string, IntentSpecOf<'OktaUser'>>;
  groups: Map<string, IntentSpecOf<'OktaGroup'>>;
  roles: Map<string, IntentSpecOf<'IamSsoRole'>>;
  /** `user\0role` → grant. */
  grants: Map<string, Grant>;
}

export const grantKey = (user: string, role: string): string => `${user}\u0000${role}`;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `ViewOnlyAccess`; a customer-managed policy says whose,
 * so it is not mistaken for the AWS-managed one of the same name.
 */
export function policyName(arn: string): string {
  const match = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match) return arn;
  const [, owner, name] = match;
  return owner === 'aws' ? name! : `${name!} (customer managed, ${owner!})`;
}

export function roleAccess(role: IntentSpecOf<'IamSsoRole'>, accountId: string | undefined): RoleAccess {
  return {
    name: role.metadata.name,
    ...(accountId === undefined ? {} : { accountId }),
    policies: [...new Set(role.spec.managedPolicyArns.map(policyName))].sort(byCodePoint),
    inlinePolicy: role.spec.inlinePolicy !== undefined,
    maxSessionSeconds: role.spec.maxSessionDurationSeconds,
  };
}

export const groupRef = (name: string, spec: IntentSpecOf<'OktaGroup'> | undefined): GroupRef => ({
  name,
  displayName: spec?.spec.displayName ?? name,
});

export const userRef = (user: IntentSpecOf<'OktaUser'>): UserRef => ({
  key: specKey(user),
  name: user.metadata.name,
  login: user.spec.login,
});

const inlineJson = (doc: IamPolicyDocument | undefined) => (doc === undefined ? undefined : JSON.stringify(doc));

export function identityView(specs: readonly IntentSpec[], accountId: string | undefined): IdentityView {
  const users = new Map<string, IntentSpecOf<'OktaUser'>>();
  const groups = new Map<string, IntentSpecOf<'OktaGroup'>>();
  const roles = new Map<string, IntentSpecOf<'IamSsoRole'>>();
  for (const spec of specs) {
    if (spec.kind === 'OktaUser') users.set(spec.metadata.name, spec);
    else if (spec.kind === 'OktaGroup') groups.set(spec.metadata.name, spec);
    else if (spec.kind === 'IamSsoRole') roles.set(spec.metadata.name, spec);
  }
  const rolesByGroup = new Map<string, IntentSpecOf<'IamSsoRole'>[]>();
  for (const role of roles.values()) {
    const list = rolesByGroup.get(role.spec.oktaGroup) ?? [];
    list.push(role);
    rolesByGroup.set(role.spec.oktaGroup, list);
  }
  const grants = new Map<string, Grant>();
  for (const user of users.values()) {
    // Suspended and deprovisioned users cannot sign in to Okta, so they cannot reach AWS either.
    if (user.spec.status !== 'ACTIVE') continue;
    for (const groupName of new Set(user.spec.groups)) {
      const groupSpec = groups.get(groupName);
      for (const role of rolesByGroup.get(groupName) ?? []) {
        const json = inlineJson(role.spec.inlinePolicy);
        grants.set(grantKey(user.metadata.name, role.metadata.name), {
          user: userRef(user),
          group: groupRef(groupName, groupSpec),
          role: roleAccess(role, accountId),
          ...(json === undefined ? {} : { inlineJson: json }),
          userSpec: user,
          roleSpec: role,
          ...(groupSpec === undefined ? {} : { groupSpec }),
        });
      }
    }
  }
  return { users, groups, roles, grants };
}
