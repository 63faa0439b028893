// The shared Okta↔AWS federation behind every IamSsoRole: Okta's "AWS Account Federation" app, the IAM SAML provider
// trusting its metadata, the roles, and ONE group-assignments resource for the app (it owns all of the app's group
// assignments; one resource per group would fight over them).
import type { Construct } from 'constructs';
import type { IntentSpecOf, SynthSettings } from '../../specs/model.js';
import type { SynthContext } from '../../synth/context.js';
import { engine } from '../../synth/engine.js';
import { SynthError } from '../../synth/errors.js';
import { escapeTf } from '../../synth/escape.js';
import { addIamSsoRole } from './synth.js';
import { byCodePoint } from '../../synth/by-code-point.js';
import { sharedTags } from '../../synth/tags.js';

type SsoSettings = NonNullable<SynthSettings['sso']>;

export const samlProviderArn = (sso: SsoSettings): string =>
  `arn:aws:iam::${sso.awsAccountId}:saml-provider/${sso.samlProviderName}`;
export const iamRoleArn = (sso: SsoSettings, roleName: string): string =>
  `arn:aws:iam::${sso.awsAccountId}:role/${roleName}`;

export const FEDERATION_TAG = 'identity/saml-federation';

export function addSamlFederation(
  scope: Construct,
  roles: readonly IntentSpecOf<'IamSsoRole'>[],
  /** OktaGroup spec name → its okta_group id (a reference), or undefined when there is no such group. */
  groupId: (name: string) => string | undefined,
  ctx: SynthContext,
): void {
  const { sso } = ctx.settings;
  if (!sso) {
    throw new SynthError('sso-settings-missing', 'IamSsoRole specs need the `sso` section of .github/infra.yml');
  }
  const { okta, aws } = engine();
  const app = new okta.AppSaml(scope, 'sso_app', {
    label: escapeTf(sso.oktaAppLabel),
    preconfiguredApp: 'amazon_aws',
    // Built from repo settings only; escaping the JSON text escapes each of them.
    appSettingsJson: escapeTf(
      JSON.stringify({
        awsEnvironmentType: 'aws.amazon',
        identityProviderArn: samlProviderArn(sso),
        joinAllRoles: false,
        loginURL: 'https://console.aws.amazon.com/ec2/home',
        // Okta must never ask for a session longer than some role allows: AWS would refuse the sign-in.
        sessionDuration: Math.min(...roles.map((role) => role.spec.maxSessionDurationSeconds)),
      }),
    ),
  });
  const provider = new aws.IamSamlProvider(scope, 'sso_saml_provider', {
    name: escapeTf(sso.samlProviderName),
    samlMetadataDocument: app.metadata,
    tags: sharedTags(FEDERATION_TAG),
  });

  const rolesByGroup = new Map<string, string[]>();
  const providerArn = provider.arn; // one token for all roles
  for (const role of roles) {
    addIamSsoRole(scope, role, ctx, providerArn);
    const names = rolesByGroup.get(role.spec.oktaGroup) ?? [];
    rolesByGroup.set(role.spec.oktaGroup, [...names, role.metadata.name]);
  }
  new okta.AppGroupAssignments(scope, 'sso_assignments', {
    appId: app.id,
    group: [...rolesByGroup.keys()].sort(byCodePoint).map((groupName) => {
      const id = groupId(groupName);
      const samlRoles = [...(rolesByGroup.get(groupName) ?? [])].sort(byCodePoint);
      if (id === undefined) {
        throw new SynthError(
          'unknown-group',
          `IamSsoRole/${samlRoles[0]} refers to group ${groupName}, which has no spec`,
        );
      }
      return { id, profile: escapeTf(JSON.stringify({ samlRoles, role: samlRoles[0] })) };
    }),
  });
}
