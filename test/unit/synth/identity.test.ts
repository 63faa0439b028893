import { describe, expect, it } from '@jest/globals';
import type { IntentSpec } from '../../../src/specs/model.js';
import { OKTA_PROVIDER_VERSION } from '../../../src/synth/okta-provider.js';
import { emptyStackFor, synthesize } from '../../../src/synth/synthesize.js';
import { bucket, group, parse, role, s3Settings, user } from './fixtures.js';
import type { TfConfig } from './fixtures.js';

const identity = (specs: IntentSpec[]): TfConfig => parse(synthesize(specs, { settings: s3Settings })[0]!.json);

const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const model = (): IntentSpec[] => [
  group('admins', { displayName: 'Platform Admins', description: 'Can do anything' }),
  group('devs'),
  group('auditors', { description: 'Read-only ${for} audits' }),
  user('bruce', {
    email: 'bruce.lee@demoac.com',
    login: 'bruce',
    firstName: 'Bruce',
    lastName: 'Lee',
    title: 'Founder',
    department: 'Security',
    groups: ['devs', 'admins'],
    customAttributes: { costCenter: 'CC-1', badges: ['a', 'b'], remote: true, floor: 3 },
  }),
  user('linda', { status: 'SUSPENDED' }),
  role('admin', {
    oktaGroup: 'admins',
    managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    maxSessionDurationSeconds: 14_400,
  }),
  role('developer', {
    oktaGroup: 'devs',
    managedPolicyArns: [readOnly, 'arn:aws:iam::123456789012:policy/ReadOnlyAccess'],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::home/${aws:username}/*' },
      ],
    },
    maxSessionDurationSeconds: 7_200,
  }),
  role(
    'break-glass',
    { oktaGroup: 'admins', maxSessionDurationSeconds: 3_600 },
    { owner: '@sec', labels: { tier: '0' } },
  ),
];

describe('identity stack', () => {
  it('snapshot › users, groups, roles and the federation', () => {
    expect(synthesize(model(), { settings: s3Settings })[0]!.json).toMatchSnapshot();
  });

  it('okta_group › name is the display name', () => {
    expect(identity(model()).resource!.okta_group!.group_admins).toMatchObject({
      name: 'Platform Admins',
      description: 'Can do anything',
    });
  });

  it('okta_user › profile fields and custom attributes as one JSON string', () => {
    const bruce = identity(model()).resource!.okta_user!.user_bruce!;
    expect(bruce).toMatchObject({
      email: 'bruce.lee@demoac.com',
      login: 'bruce',
      first_name: 'Bruce',
      last_name: 'Lee',
      title: 'Founder',
      department: 'Security',
      status: 'ACTIVE',
    });
    expect(JSON.parse(bruce.custom_profile_attributes as string)).toEqual({
      costCenter: 'CC-1',
      badges: ['a', 'b'],
      remote: true,
      floor: 3,
    });
    expect(identity(model()).resource!.okta_user!.user_linda).not.toHaveProperty('custom_profile_attributes');
  });

  it('memberships › one resource per user with groups, referencing the group resources, sorted', () => {
    const memberships = identity(model()).resource!.okta_user_group_memberships!;
    expect(Object.keys(memberships)).toEqual(['user_bruce_groups']);
    expect(memberships.user_bruce_groups).toMatchObject({
      user_id: '${okta_user.user_bruce.id}',
      groups: ['${okta_group.group_admins.id}', '${okta_group.group_devs.id}'],
    });
  });

  it('federation › exactly one okta_app_group_assignments, one group block per group with its roles', () => {
    const assignments = identity(model()).resource!.okta_app_group_assignments!;
    expect(Object.keys(assignments)).toEqual(['sso_assignments']);
    const groups = assignments.sso_assignments!.group as { id: string; profile: string }[];
    expect(groups.map((g) => ({ id: g.id, profile: JSON.parse(g.profile) as unknown }))).toEqual([
      { id: '${okta_group.group_admins.id}', profile: { samlRoles: ['admin', 'break-glass'], role: 'admin' } },
      { id: '${okta_group.group_devs.id}', profile: { samlRoles: ['developer'], role: 'developer' } },
    ]);
  });

  it('federation › the Okta app asks for the shortest session any role allows', () => {
    const app = identity(model()).resource!.okta_app_saml!.sso_app!;
    expect(app).toMatchObject({ preconfigured_app: 'amazon_aws', label: 'AWS Account Federation' });
    expect(JSON.parse(app.app_settings_json as string)).toEqual({
      awsEnvironmentType: 'aws.amazon',
      identityProviderArn: 'arn:aws:iam::123456789012:saml-provider/okta',
      joinAllRoles: false,
      loginURL: 'https://console.aws.amazon.com/ec2/home',
      sessionDuration: 3_600,
    });
  });

  it('federation › the SAML provider trusts the Okta app metadata', () => {
    expect(identity(model()).resource!.aws_iam_saml_provider!.sso_saml_provider).toMatchObject({
      name: 'okta',
      saml_metadata_document: '${okta_app_saml.sso_app.metadata}',
    });
  });

  it('roles › trust the SAML provider for AssumeRoleWithSAML with the sign-in audience only', () => {
    const roles = identity(model()).resource!.aws_iam_role!;
    expect(Object.keys(roles).sort()).toEqual(['role_admin', 'role_break-glass', 'role_developer']);
    expect(roles.role_developer).toMatchObject({ name: 'developer', max_session_duration: 7_200 });
    expect(JSON.parse(roles.role_admin!.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: '${aws_iam_saml_provider.sso_saml_provider.arn}' },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    });
  });

  it('roles › one attachment per managed policy; same-named policies get distinct, stable ids', () => {
    const attachments = identity(model()).resource!.aws_iam_role_policy_attachment!;
    const developer = Object.entries(attachments).filter(([id]) => id.startsWith('role_developer_'));
    expect(developer.map(([, body]) => body.policy_arn).sort()).toEqual(
      ['arn:aws:iam::123456789012:policy/ReadOnlyAccess', readOnly].sort(),
    );
    expect(new Set(developer.map(([id]) => id)).size).toBe(2);
    const reordered = model().map((spec) =>
      spec.kind === 'IamSsoRole' && spec.metadata.name === 'developer'
        ? { ...spec, spec: { ...spec.spec, managedPolicyArns: [...spec.spec.managedPolicyArns].reverse() } }
        : spec,
    );
    expect(Object.keys(identity(reordered).resource!.aws_iam_role_policy_attachment!)).toEqual(
      Object.keys(attachments),
    );
  });

  it('inline policy › IAM policy variables arrive as literals (`$${aws:username}` in the JSON)', () => {
    const inline = identity(model()).resource!.aws_iam_role_policy!.role_developer_inline!;
    expect(inline.role).toBe('${aws_iam_role.role_developer.id}');
    expect(inline.policy).toContain('arn:aws:s3:::home/$${aws:username}/*');
    expect(inline.policy).not.toMatch(/[^$]\$\{aws:username\}/);
  });

  it('no IamSsoRole › no federation, no aws provider', () => {
    const config = identity([group('admins'), user('bruce', { groups: ['admins'] })]);
    expect(Object.keys(config.resource!).sort()).toEqual(['okta_group', 'okta_user', 'okta_user_group_memberships']);
    expect(Object.keys(config.provider!)).toEqual(['okta']);
  });

  it('providers › no credentials in the configuration', () => {
    const config = identity(model());
    expect(config.provider).toEqual({ okta: [{ max_api_capacity: 50 }], aws: [{ region: 'us-east-1' }] });
  });

  it('okta provider › the share of Okta rate limits comes from the repo config', () => {
    const settings = { ...s3Settings, okta: { maxApiCapacity: 30 } };
    const config = parse(synthesize(model(), { settings })[0]!.json);
    expect(config.provider!.okta).toEqual([{ max_api_capacity: 30 }]);
  });

  it('okta provider › pinned to OKTA_PROVIDER_VERSION, not the 4.x of the binding', () => {
    expect(OKTA_PROVIDER_VERSION).toMatch(/^6\.\d+\.\d+$/);
    const pinned = { source: 'okta/okta', version: OKTA_PROVIDER_VERSION };
    expect(identity(model()).terraform.required_providers.okta).toEqual(pinned);
    const empty = parse(emptyStackFor('identity', s3Settings, 'us-east-1').json);
    expect(empty.terraform.required_providers.okta).toEqual(pinned);
    expect(empty.provider!.okta).toEqual([{ max_api_capacity: 50 }]);
  });

  it('other stacks › not affected by identity specs', () => {
    const stacks = synthesize([...model(), bucket('logs')], { settings: s3Settings });
    expect(parse(stacks[1]!.json).resource).not.toHaveProperty('okta_group');
  });
});
