// OktaGroup: an Okta group, in the shared identity stack or a stack of its own; OktaUser and IamSsoRole specs refer
// to it by name.
import { em, plain } from '../../review/rich-text.js';
import type { KindDefinition } from '../kind-definition.js';
import { IDENTITY_STACK } from '../stack-names.js';
import type { OktaGroupSpec } from './model.js';
import { oktaGroupSchema } from './schema.js';
import { addOktaGroup, exportGroupId, groupId } from './synth.js';

// Annotated, not inferred: the kind table's type (and so `Kind`) is read from these declarations.
export const oktaGroup: KindDefinition<'OktaGroup', OktaGroupSpec, typeof oktaGroupSchema> = {
  kind: 'OktaGroup',
  description: 'An Okta group.',
  schema: oktaGroupSchema,
  resolve: (group, { name }) => ({ ...group, displayName: group.displayName ?? name }),
  salvage: (_body, { name, orDefault }) => orDefault('displayName', name),
  check: () => {},
  distinct: (spec) =>
    spec.spec.displayName === undefined
      ? undefined
      : {
          key: spec.spec.displayName.toLowerCase(),
          path: ['metadata', 'name'],
          label: `Okta group name "${spec.spec.displayName}"`,
        },
  region: 'none',
  policy: () => {},
  placement: {
    shared: { shared: IDENTITY_STACK, ownerPattern: /^group_([a-z0-9-]+)$/ },
    'per-spec': { ownStack: 'okta-group' },
  },
  okta: true,
  synth: {
    // First: users and roles read the groups' ids.
    order: 0,
    add: (stack, specs, scope) => {
      // Each `.id` read creates (and later resolves) a new CDKTF token: read it once per group.
      for (const spec of specs) {
        const group = addOktaGroup(stack, spec);
        scope.defineGroup(spec.metadata.name, group.id);
        // In a stack of its own, the group's id is an output: the stacks of its members and roles read it.
        if (scope.ctx.settings.identityLayout === 'per-spec') exportGroupId(stack, group);
      }
    },
  },
  primaryAddress: (name) => `okta_group.${groupId(name)}`,
  userData: () => 'none',
  describe: (spec) => [plain('Okta group '), em(spec.spec.displayName)],
  cost: () => 'no estimate',
  folder: 'identity/groups',
  inventory: () => 'none',
};
