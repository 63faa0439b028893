// Okta → SAML → IAM, checked before any plan: for each IamSsoRole, can the people it is meant for actually reach it,
// and only them? Group exists and has members; the role trusts only the SAML provider, with the AWS sign-in audience;
// Okta never asks for a longer session than a role allows; one assignments resource offers each role to its group;
// someone owns the group or the role.
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { IntentSpec, IntentSpecOf, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { samlProviderArn } from '../kinds/iam-sso-role/saml-federation.js';
import { stackNameFor } from '../synth/stacks.js';
import { checkTrustPolicy } from './trust-policy.js';
import { jsonAttribute, readIdentityStack, type IdentityStack } from './identity-stack.js';

export interface ChainFinding {
  severity: 'error' | 'warning';
  specKey: SpecKey;
  file: string;
  message: string;
}

export interface ChainCheckInput {
  specs: readonly IntentSpec[];
  /** Synthesized stacks; the identity stack's JSON is the one read. */
  stacks: readonly { name: string; json: string }[];
  /** `identity` absent: the shared layout. */
  config: Pick<RepoConfig, 'sso'> & Partial<Pick<RepoConfig, 'identity'>>;
  /** Live member counts by Okta group name (displayName), when known. */
  groupMembers?: ReadonlyMap<string, number>;
}

/** Okta's default for the AWS Account Federation app when the setting is absent. */
const OKTA_DEFAULT_SESSION_SECONDS = 3600;

type Role = IntentSpecOf<'IamSsoRole'>;

export function checkSsoChain(input: ChainCheckInput): ChainFinding[] {
  const roles = input.specs
    .filter((s): s is Role => s.kind === 'IamSsoRole')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (roles.length === 0) return [];
  const findings: ChainFinding[] = [];
  const at = (role: Role, severity: ChainFinding['severity'], message: string) =>
    findings.push({ severity, specKey: specKey(role), file: role.file, message });
  const first = roles[0]!;
  const { sso } = input.config;
  if (!sso) {
    at(first, 'error', 'IamSsoRole specs need the sso section of .github/infra.yml (awsAccountId, samlProviderName)');
    return findings;
  }
  // The roles and their federation share one stack: `identity`, or `sso` in the per-spec layout.
  const stackName = stackNameFor(first, input.config.identity?.stackLayout ?? 'shared');
  const json = input.stacks.find((s) => s.name === stackName)?.json;
  let stack: IdentityStack | undefined;
  try {
    stack = json === undefined ? undefined : readIdentityStack(json);
  } catch (error) {
    at(first, 'error', `the synthesized ${stackName} stack is not JSON (${(error as Error).message})`);
    return findings;
  }
  if (!stack) {
    at(first, 'error', `the ${stackName} stack was not synthesized, so the SAML chain cannot be checked`);
    return findings;
  }

  const groups = new Map<string, IntentSpecOf<'OktaGroup'>>();
  const declared = new Map<string, number>();
  for (const spec of input.specs) {
    if (spec.kind === 'OktaGroup') groups.set(spec.metadata.name, spec);
    if (spec.kind === 'OktaUser' && spec.spec.status === 'ACTIVE') {
      for (const g of new Set(spec.spec.groups)) declared.set(g, (declared.get(g) ?? 0) + 1);
    }
  }

  const app = appSettings(stack);
  const assignments = stack.resources('okta_app_group_assignments');
  if (assignments.length !== 1) {
    at(
      first,
      'error',
      `the ${stackName} stack has ${assignments.length} okta_app_group_assignments resources; exactly one must own the app's group assignments (several overwrite each other)`,
    );
  }
  if (app.count !== 1) {
    at(first, 'error', `the ${stackName} stack has ${app.count} Okta SAML apps; the federation needs exactly one`);
  } else if (app.identityProviderArn !== samlProviderArn(sso)) {
    at(
      first,
      'error',
      `the Okta app signs in through ${String(app.identityProviderArn)}, not the SAML provider ${samlProviderArn(sso)}`,
    );
  }

  for (const role of roles) {
    const { name } = role.metadata;
    const groupName = role.spec.oktaGroup;
    const group = groups.get(groupName);
    const shown = group?.spec.displayName ?? groupName;
    if (!group) at(role, 'error', `group ${groupName} has no OktaGroup spec: nobody can assume ${name}`);
    else {
      const members = declared.get(groupName) ?? 0;
      const live = input.groupMembers?.get(shown) ?? input.groupMembers?.get(groupName);
      if (members === 0 && !live) {
        const where = live === undefined ? 'in the specs' : 'in the specs nor in Okta';
        at(role, 'warning', `nobody can assume ${name} yet: group ${shown} has no active members ${where}`);
      } else if (live !== undefined && live > members) {
        at(
          role,
          'warning',
          `group ${shown} has ${live} members in Okta but the specs declare ${members}: the ${live - members} added outside infra-bot can also assume ${name}`,
        );
      }
      if (!group.metadata.owner && !role.metadata.owner) {
        at(
          role,
          'warning',
          `group ${shown} grants ${name}, but neither has metadata.owner: nobody is named to review who can assume it`,
        );
      }
    }

    const resource = stack.resource('aws_iam_role', `role_${name}`);
    if (!resource) {
      at(role, 'error', `role ${name} is missing from the synthesized ${stackName} stack`);
      continue;
    }
    for (const problem of checkTrustPolicy(jsonAttribute(resource, 'assume_role_policy'), stack, sso)) {
      at(role, 'error', `role ${name}: ${problem}`);
    }
    const maxSession = resource.max_session_duration;
    if (maxSession !== role.spec.maxSessionDurationSeconds) {
      at(
        role,
        'error',
        `role ${name} allows sessions of ${String(maxSession)} s, but its spec says ${role.spec.maxSessionDurationSeconds} s`,
      );
    } else if (app.count === 1 && app.sessionSeconds > maxSession) {
      at(
        role,
        'error',
        `the Okta app asks for ${hours(app.sessionSeconds)} sessions but ${name} allows at most ${hours(maxSession)}: AWS would refuse the sign-in`,
      );
    }
    if (assignments.length === 1 && !offered(assignments[0]![1], groupName, name)) {
      at(role, 'error', `the Okta app does not offer ${name} to group ${shown}: its members would not see the role`);
    }
  }
  return findings;
}

function appSettings(stack: IdentityStack) {
  const apps = stack.resources('okta_app_saml');
  const settings = (apps.length === 1 ? jsonAttribute(apps[0]![1], 'app_settings_json') : undefined) as
    { sessionDuration?: unknown; identityProviderArn?: unknown } | undefined;
  const session = settings?.sessionDuration;
  return {
    count: apps.length,
    identityProviderArn: settings?.identityProviderArn,
    sessionSeconds: typeof session === 'number' ? session : OKTA_DEFAULT_SESSION_SECONDS,
  };
}

function offered(assignments: Record<string, unknown>, groupName: string, roleName: string): boolean {
  const entries = Array.isArray(assignments.group) ? (assignments.group as Record<string, unknown>[]) : [];
  // The group's id: its resource in the shared stack, or the lookup of its own stack's state (per-spec layout).
  const ids = [`\${okta_group.group_${groupName}.id}`, `\${data.terraform_remote_state.group_${groupName}.outputs.id}`];
  const entry = entries.find((g) => typeof g.id === 'string' && ids.includes(g.id));
  const profile = entry ? (jsonAttribute(entry, 'profile') as { samlRoles?: unknown } | undefined) : undefined;
  return Array.isArray(profile?.samlRoles) && profile.samlRoles.includes(roleName);
}

const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds} s`);
