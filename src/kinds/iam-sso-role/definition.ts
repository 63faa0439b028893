// IamSsoRole: an IAM role members of an Okta group assume through SAML single sign-on, with the one SAML federation
// all roles share: in the shared identity stack, or in the `sso` stack in the per-spec layout.
import { policyName } from '../../review/access-grants.js';
import { sessionText } from '../../review/describe-time.js';
import { plain } from '../../review/rich-text.js';
import { parseDuration } from '../../specs/duration.js';
import type { KindDefinition } from '../kind-definition.js';
import { IDENTITY_STACK, SSO_STACK } from '../stack-names.js';
import { checkRole } from './check.js';
import type { IamSsoRoleSpec } from './model.js';
import { addSamlFederation } from './saml-federation.js';
import { iamSsoRoleSchema } from './schema.js';

const HOUR_MS = 3600 * 1000;
const ROLE_OWNER = /^role_([a-z0-9-]+)(?:_(?:policy_.+|inline))?$/;

// Annotated, not inferred: the kind table's type (and so `Kind`) is read from these declarations.
export const iamSsoRole: KindDefinition<'IamSsoRole', IamSsoRoleSpec, typeof iamSsoRoleSchema> = {
  kind: 'IamSsoRole',
  description: 'An IAM role that members of an Okta group assume through SAML single sign-on.',
  schema: iamSsoRoleSchema,
  resolve: ({ maxSessionDuration, ...role }) => ({
    ...role,
    maxSessionDurationSeconds: Math.round((parseDuration(maxSessionDuration) ?? HOUR_MS) / 1000),
  }),
  salvage: (body) => {
    const ms = typeof body.maxSessionDuration === 'string' ? parseDuration(body.maxSessionDuration) : undefined;
    return ms === undefined ? {} : { maxSessionDurationSeconds: Math.round(ms / 1000) };
  },
  check: checkRole,
  distinct: () => 'none',
  // IAM is global: a role has no region of its own.
  region: 'none',
  policy: () => {},
  placement: {
    shared: { shared: IDENTITY_STACK, ownerPattern: ROLE_OWNER },
    // Roles stay together with the one federation they share; they are few and change rarely.
    'per-spec': { shared: SSO_STACK, ownerPattern: ROLE_OWNER },
  },
  okta: true,
  synth: {
    // After OktaGroup: the federation's group assignments read the groups' ids.
    order: 2,
    add: (stack, roles, scope) => {
      if (roles.length === 0) return;
      // IAM is global; the provider still needs a region for its endpoints.
      scope.awsProvider(scope.ctx.settings.defaultRegion);
      addSamlFederation(stack, roles, scope.groupId, scope.ctx);
    },
  },
  primaryAddress: (name) => `aws_iam_role.role_${name}`,
  userData: () => 'none',
  describe: (spec) => {
    const s = spec.spec;
    const grants = [...s.managedPolicyArns.map(policyName), ...(s.inlinePolicy ? ['inline policy'] : [])];
    return [
      plain(`role for group ${s.oktaGroup}: ${grants.length > 0 ? grants.join(', ') : 'no policies'}, `),
      plain(`sessions up to ${sessionText(s.maxSessionDurationSeconds)}`),
    ];
  },
  cost: () => 'no estimate',
  folder: 'identity/roles',
  inventory: () => 'none',
};
