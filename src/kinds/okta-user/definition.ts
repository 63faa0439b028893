// OktaUser: an Okta user and the groups they belong to, in the shared identity stack or a stack of its own.
import { code, plain } from '../../review/rich-text.js';
import type { KindDefinition } from '../kind-definition.js';
import { IDENTITY_STACK } from '../stack-names.js';
import type { OktaUserSpec } from './model.js';
import { oktaUserSchema } from './schema.js';
import { addOktaUser } from './synth.js';

// Annotated, not inferred: the kind table's type (and so `Kind`) is read from these declarations.
export const oktaUser: KindDefinition<'OktaUser', OktaUserSpec, typeof oktaUserSchema> = {
  kind: 'OktaUser',
  description: 'An Okta user and the groups they belong to.',
  schema: oktaUserSchema,
  resolve: (user) => ({ ...user, login: user.login ?? user.email }),
  salvage: (body, { orDefault }) => orDefault('login', body.email),
  check: (spec, origin, sink) => {
    const seen = new Set<string>();
    spec.spec.groups?.forEach((group, index) => {
      if (seen.has(group)) sink.report(origin.source, ['spec', 'groups', index], `spec.groups lists "${group}" twice`);
      seen.add(group);
    });
  },
  distinct: (spec) =>
    spec.spec.login === undefined
      ? undefined
      : { key: spec.spec.login.toLowerCase(), path: ['spec', 'email'], label: `Okta login "${spec.spec.login}"` },
  region: 'none',
  policy: () => {},
  placement: {
    shared: { shared: IDENTITY_STACK, ownerPattern: /^user_([a-z0-9-]+)(?:_groups)?$/ },
    // The user and its memberships: onboarding one person plans two resources, whatever the size of the org.
    'per-spec': { ownStack: 'okta-user' },
  },
  okta: true,
  synth: {
    // After OktaGroup: memberships read the groups' ids.
    order: 1,
    add: (stack, specs, scope) => {
      for (const spec of specs) addOktaUser(stack, spec, scope.groupId);
    },
  },
  primaryAddress: (name) => `okta_user.user_${name}`,
  userData: () => 'none',
  describe: (spec) => {
    const s = spec.spec;
    const groups = s.groups.length > 0 ? `in ${s.groups.join(', ')}` : 'in no group';
    const status = s.status === 'ACTIVE' ? '' : `, ${s.status}`;
    return [code(s.login), plain(` (${s.firstName} ${s.lastName}) ${groups}${status}`)];
  },
  cost: () => 'no estimate',
  folder: 'identity/users',
  inventory: () => 'none',
};
