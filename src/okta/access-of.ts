// One person's access, for `/infra access <email>` (pure): their Okta status, last sign-in and groups, and the AWS
// roles they can assume through the IamSsoRole specs (membership in the role's Okta group), or will once the specs
// that declare it are applied.
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { IntentSpec, IntentSpecOf, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { iamRoleArn } from '../kinds/iam-sso-role/saml-federation.js';
import { byCodePoint } from '../synth/stacks.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

export interface PersonRole {
  role: string;
  roleArn: string | null;
  /** Okta display name of the role's group. */
  group: string;
  /** `okta`: a member of the group now; `spec`: the person's spec declares it, Okta does not have it (yet). */
  source: 'okta' | 'spec';
}

export interface PersonAccess {
  email: string;
  user: (Pick<OktaUserRecord, 'login' | 'email' | 'status' | 'lastLogin'> & { name: string }) | null;
  daysSinceLogin: number | null;
  managedBy: SpecKey | null;
  groups: { name: string; managedBy: SpecKey | null }[];
  roles: PersonRole[];
  notes: string[];
}

export interface PersonAccessInput {
  email: string;
  user: OktaUserRecord | undefined;
  /** The user's groups in Okta. */
  groups: readonly OktaGroupRecord[];
  specs: readonly IntentSpec[];
  now: Date;
  sso?: RepoConfig['sso'];
}

const DAY_MS = 86_400_000;

export function buildPersonAccess(input: PersonAccessInput): PersonAccess {
  const { user, specs, now } = input;
  const wanted = [input.email, user?.login, user?.email].filter(Boolean).map((v) => v!.toLowerCase());
  const ofKind = <K extends IntentSpec['kind']>(kind: K) =>
    specs.filter((s): s is Extract<IntentSpec, { kind: K }> => s.kind === kind);
  const userSpec = ofKind('OktaUser').find(
    (s) => wanted.includes(s.spec.login.toLowerCase()) || wanted.includes(s.spec.email.toLowerCase()),
  );
  const groupSpecs = ofKind('OktaGroup');
  const specOfGroupName = new Map(groupSpecs.map((g) => [g.spec.displayName, specKey(g)]));
  const displayName = new Map(groupSpecs.map((g) => [g.metadata.name, g.spec.displayName]));
  const liveNames = new Set(input.groups.map((g) => g.name));

  const roles = ofKind('IamSsoRole')
    .map((role): PersonRole | undefined => {
      const group = displayName.get(role.spec.oktaGroup) ?? role.spec.oktaGroup;
      const source = liveNames.has(group)
        ? 'okta'
        : userSpec?.spec.groups.includes(role.spec.oktaGroup)
          ? 'spec'
          : undefined;
      if (!source) return undefined;
      const roleArn = input.sso ? iamRoleArn(input.sso, role.metadata.name) : null;
      return { role: role.metadata.name, roleArn, group, source };
    })
    .filter((r): r is PersonRole => r !== undefined)
    .sort((a, b) => byCodePoint(a.role, b.role));

  return {
    email: input.email,
    user: user
      ? {
          login: user.login,
          email: user.email,
          name: `${user.firstName} ${user.lastName}`.trim(),
          status: user.status,
          lastLogin: user.lastLogin,
        }
      : null,
    daysSinceLogin: user?.lastLogin ? Math.floor((now.getTime() - Date.parse(user.lastLogin)) / DAY_MS) : null,
    managedBy: userSpec ? specKey(userSpec) : null,
    groups: input.groups
      .map((g) => ({ name: g.name, managedBy: specOfGroupName.get(g.name) ?? null }))
      .sort((a, b) => byCodePoint(a.name, b.name)),
    roles,
    notes: notes(user, userSpec),
  };
}

function notes(user: OktaUserRecord | undefined, spec: IntentSpecOf<'OktaUser'> | undefined): string[] {
  if (!user) {
    return spec
      ? [`${specKey(spec)} declares this person, but Okta has no such user: the spec is not applied yet.`]
      : ['Okta has no user with this login or email, and no spec declares one.'];
  }
  const found: string[] = [];
  if (user.status !== 'ACTIVE') {
    found.push(`The account is ${user.status}, not ACTIVE: it cannot sign in to assume a role until that changes.`);
  }
  if (!spec) found.push('No OktaUser spec manages this account.');
  return found;
}
