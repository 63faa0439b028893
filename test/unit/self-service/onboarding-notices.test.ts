import { describe, expect, it } from '@jest/globals';
import { validateSpecs } from '../../../src/specs/validate-specs.js';
import { onboardingNotices } from '../../../src/workflow/self-service/onboarding-notices.js';

const file = (path: string, content: string) => ({ path, content });
const specs = validateSpecs({
  now: new Date('2030-01-01T00:00:00Z'),
  configText: 'sso: { awsAccountId: "123456789012" }\n',
  files: [
    file(
      's/g.yaml',
      'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: sec }\nspec: { displayName: Security <Team> }\n',
    ),
    file(
      's/r.yaml',
      'apiVersion: infra-bot/v1\nkind: IamSsoRole\nmetadata: { name: sec-readonly }\nspec: { oktaGroup: sec, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }\n',
    ),
    file(
      's/ada.yaml',
      'apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata: { name: ada }\nspec: { email: ada@demoac.com, firstName: Ada, lastName: Lovelace, groups: [sec] }\n',
    ),
    file(
      's/bob.yaml',
      'apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata: { name: bob }\nspec: { email: bob@demoac.com, firstName: Bob, lastName: B, status: SUSPENDED }\n',
    ),
  ],
}).specs;

const change = (address: string, action: 'create' | 'update', paths: string[] = []) => ({
  address,
  type: address.split('.')[0]!,
  action,
  attributes: paths.map((path) => ({ path, sensitive: false, unknown: false })),
});

describe('self-service › onboarding notices after an identity apply', () => {
  it('a created user › a welcome naming their groups and the AWS roles they can assume', () => {
    const notices = onboardingNotices({
      changes: [
        change('okta_user.user_ada', 'create'),
        change('okta_user_group_memberships.user_ada_groups', 'create'),
      ],
      stack: 'identity',
      specs,
      sso: { awsAccountId: '123456789012', samlProviderName: 'okta', oktaAppLabel: 'AWS' },
      source: 'acme/infra#7',
    });
    expect(notices.offboardings).toEqual([]);
    expect(notices.welcomes).toEqual([
      {
        email: 'ada@demoac.com',
        text: '👋 Welcome, Ada! Your Okta account `ada@demoac.com` is ready. Groups: `Security &lt;Team&gt;`. AWS roles you can assume through Okta single sign-on: `arn:aws:iam::123456789012:role/sec-readonly`.',
        channelText: expect.stringContaining('👋 Welcome Ada Lovelace (`ada@demoac.com`), onboarded by acme/infra#7'),
      },
    ]);
  });

  it('a status update to SUSPENDED › an offboarding notice; other updates and kinds › nothing', () => {
    const notices = onboardingNotices({
      changes: [
        change('okta_user.user_bob', 'update', ['status']),
        change('okta_user.user_ada', 'update', ['title']),
        change('okta_group.group_sec', 'create'),
      ],
      stack: 'identity',
      specs,
      source: 'acme/infra#8',
    });
    expect(notices.welcomes).toEqual([]);
    expect(notices.offboardings).toEqual([
      '🔒 Bob B (`bob@demoac.com`, `OktaUser/bob`) is now SUSPENDED in Okta (acme/infra#8): sign-in and the AWS roles through Okta end.',
    ]);
  });

  it('per-spec layout › a user created in their own stack gets the same welcome', () => {
    const notices = onboardingNotices({
      changes: [change('okta_user.user_ada', 'create'), change('okta_user.user_bob', 'update', ['status'])],
      stack: 'okta-user-ada',
      specs,
      source: 'acme/infra#9',
    });
    expect(notices.welcomes.map((welcome) => welcome.email)).toEqual(['ada@demoac.com']);
    // bob's resource cannot be in ada's stack: no owner, no notice.
    expect(notices.offboardings).toEqual([]);
  });
});
