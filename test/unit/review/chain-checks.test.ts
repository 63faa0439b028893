import { describe, expect, it } from '@jest/globals';
import { checkSsoChain, type ChainCheckInput } from '../../../src/review/chain-checks.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { READ_ONLY, group, role, s3Settings, sso, user } from './fixtures.js';

const owned = { owner: 'sec@demoac.com' };
const healthy: IntentSpec[] = [
  group('security', {}, owned),
  user('ann', { groups: ['security'] }),
  role('security-readonly', { oktaGroup: 'security', managedPolicyArns: [READ_ONLY] }, owned),
];

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
const identityJson = (specs: IntentSpec[]) =>
  synthesize(specs, { settings: s3Settings }).find((s) => s.name === 'identity')!.json;

/** Synthesizes, then lets a test damage the identity stack the way a synth bug would. */
function run(specs: IntentSpec[], edit?: (json: Json) => void, extra: Partial<ChainCheckInput> = {}) {
  const json = JSON.parse(identityJson(specs)) as Json;
  edit?.(json);
  return checkSsoChain({
    specs,
    stacks: [{ name: 'identity', json: JSON.stringify(json) }],
    config: { sso },
    ...extra,
  });
}
const messages = (findings: ReturnType<typeof run>) => findings.map((f) => `${f.severity} ${f.specKey}: ${f.message}`);
const trust = (json: Json) => json.resource.aws_iam_role!['role_security-readonly']!;
const policyOf = (json: Json) =>
  JSON.parse(trust(json).assume_role_policy as string) as { Statement: Record<string, unknown>[] };

describe('checkSsoChain', () => {
  it('a healthy chain › no findings', () => {
    expect(run(healthy)).toEqual([]);
  });

  it('per-spec layout › the sso stack is checked, its group ids read from the group stacks: no findings', () => {
    const settings = { ...s3Settings, identityLayout: 'per-spec' as const };
    const stacks = synthesize(healthy, { settings }).map((s) => ({ name: s.name, json: s.json }));
    const identity = { stackLayout: 'per-spec' as const };
    expect(checkSsoChain({ specs: healthy, stacks, config: { sso, identity } })).toEqual([]);
    // Without the sso stack the chain cannot be checked, and says which stack it looked for.
    const withoutSso = stacks.filter((s) => s.name !== 'sso');
    expect(messages(checkSsoChain({ specs: healthy, stacks: withoutSso, config: { sso, identity } }))).toEqual([
      'error IamSsoRole/security-readonly: the sso stack was not synthesized, so the SAML chain cannot be checked',
    ]);
  });

  it('no IamSsoRole › nothing to check', () => {
    expect(checkSsoChain({ specs: [group('g')], stacks: [], config: {} })).toEqual([]);
  });

  it('a group with no members › "nobody can assume it yet", pointing at the role spec', () => {
    const findings = run([group('security', {}, owned), role('security-readonly', { oktaGroup: 'security' }, owned)]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        specKey: 'IamSsoRole/security-readonly',
        file: 'infra-specs/roles/security-readonly.yaml',
        message: 'nobody can assume security-readonly yet: group security has no active members in the specs',
      },
    ]);
  });

  it('only suspended members, and Okta says 0 › nobody in the specs nor in Okta', () => {
    const specs = [
      group('security', {}, owned),
      user('ann', { groups: ['security'], status: 'SUSPENDED' }),
      role('security-readonly', { oktaGroup: 'security' }, owned),
    ];
    expect(messages(run(specs, undefined, { groupMembers: new Map([['security', 0]]) }))).toEqual([
      'warning IamSsoRole/security-readonly: nobody can assume security-readonly yet: group security has no active members in the specs nor in Okta',
    ]);
  });

  it('more members in Okta than in the specs › says how many were added outside', () => {
    expect(messages(run(healthy, undefined, { groupMembers: new Map([['security', 3]]) }))).toEqual([
      'warning IamSsoRole/security-readonly: group security has 3 members in Okta but the specs declare 1: the 2 added outside infra-bot can also assume security-readonly',
    ]);
  });

  it('neither group nor role has an owner › warns; either one owned › quiet', () => {
    const unowned = [
      group('security'),
      user('ann', { groups: ['security'] }),
      role('security-readonly', { oktaGroup: 'security' }),
    ];
    expect(messages(run(unowned))).toEqual([
      'warning IamSsoRole/security-readonly: group security grants security-readonly, but neither has metadata.owner: nobody is named to review who can assume it',
    ]);
    expect(
      run([
        group('security'),
        user('ann', { groups: ['security'] }),
        role('security-readonly', { oktaGroup: 'security' }, owned),
      ]),
    ).toEqual([]);
  });

  it('a role naming a group with no spec › error', () => {
    const specs = healthy.map((s) =>
      s.kind === 'IamSsoRole' ? { ...s, spec: { ...s.spec, oktaGroup: 'ghosts' } } : s,
    );
    const json = identityJson(healthy);
    const findings = checkSsoChain({ specs, stacks: [{ name: 'identity', json }], config: { sso } });
    expect(messages(findings)).toContain(
      'error IamSsoRole/security-readonly: group ghosts has no OktaGroup spec: nobody can assume security-readonly',
    );
  });

  it.each([
    [
      'trusts another principal',
      (p: Record<string, unknown>) => (p.Principal = { AWS: 'arn:aws:iam::999999999999:root' }),
      'the trust policy lets in principals other than the SAML provider',
    ],
    [
      'trusts another provider',
      (p: Record<string, unknown>) => (p.Principal = { Federated: 'arn:aws:iam::123456789012:saml-provider/evil' }),
      'the trust policy does not trust the SAML provider arn:aws:iam::123456789012:saml-provider/okta',
    ],
    [
      'allows another action',
      (p: Record<string, unknown>) => (p.Action = ['sts:AssumeRoleWithSAML', 'sts:AssumeRole']),
      'the trust policy allows actions other than sts:AssumeRoleWithSAML',
    ],
    [
      'has no audience',
      (p: Record<string, unknown>) => delete p.Condition,
      'the trust policy does not require SAML:aud = https://signin.aws.amazon.com/saml',
    ],
    [
      'has another audience',
      (p: Record<string, unknown>) => (p.Condition = { StringEquals: { 'SAML:aud': 'https://evil.example/saml' } }),
      'the trust policy does not require SAML:aud = https://signin.aws.amazon.com/saml',
    ],
  ])('a trust policy that %s › error', (_what, damage, message) => {
    const findings = run(healthy, (json) => {
      const policy = policyOf(json);
      damage(policy.Statement[0]!);
      trust(json).assume_role_policy = JSON.stringify(policy);
    });
    expect(messages(findings)).toEqual([`error IamSsoRole/security-readonly: role security-readonly: ${message}`]);
  });

  it('the Okta app asks for longer sessions than a role allows › error', () => {
    const findings = run(healthy, (json) => {
      const app = json.resource.okta_app_saml!.sso_app!;
      const settings = JSON.parse(app.app_settings_json as string) as Record<string, unknown>;
      app.app_settings_json = JSON.stringify({ ...settings, sessionDuration: 7200 });
    });
    expect(messages(findings)).toEqual([
      'error IamSsoRole/security-readonly: the Okta app asks for 2h sessions but security-readonly allows at most 1h: AWS would refuse the sign-in',
    ]);
  });

  it('a role max session that differs from its spec › error', () => {
    const findings = run(healthy, (json) => (trust(json).max_session_duration = 43200));
    expect(messages(findings)).toEqual([
      'error IamSsoRole/security-readonly: role security-readonly allows sessions of 43200 s, but its spec says 3600 s',
    ]);
  });

  it('two assignments resources, or a role not offered to its group › error', () => {
    const two = run(healthy, (json) => {
      const assignments = json.resource.okta_app_group_assignments!;
      assignments.sso_assignments_2 = { ...assignments.sso_assignments! };
    });
    expect(messages(two)).toEqual([
      "error IamSsoRole/security-readonly: the identity stack has 2 okta_app_group_assignments resources; exactly one must own the app's group assignments (several overwrite each other)",
    ]);
    const missing = run(healthy, (json) => {
      const entry = (json.resource.okta_app_group_assignments!.sso_assignments!.group as Record<string, unknown>[])[0]!;
      entry.profile = JSON.stringify({ samlRoles: ['other'], role: 'other' });
    });
    expect(messages(missing)).toEqual([
      'error IamSsoRole/security-readonly: the Okta app does not offer security-readonly to group security: its members would not see the role',
    ]);
  });

  it('the app signs in through another provider › error', () => {
    const findings = run(healthy, (json) => {
      const app = json.resource.okta_app_saml!.sso_app!;
      const settings = JSON.parse(app.app_settings_json as string) as Record<string, unknown>;
      app.app_settings_json = JSON.stringify({
        ...settings,
        identityProviderArn: 'arn:aws:iam::123456789012:saml-provider/evil',
      });
    });
    expect(messages(findings)).toEqual([
      'error IamSsoRole/security-readonly: the Okta app signs in through arn:aws:iam::123456789012:saml-provider/evil, not the SAML provider arn:aws:iam::123456789012:saml-provider/okta',
    ]);
  });

  it('bad input › no sso config, no identity stack, an unreadable stack: one error each', () => {
    expect(messages(checkSsoChain({ specs: healthy, stacks: [], config: {} }))).toEqual([
      'error IamSsoRole/security-readonly: IamSsoRole specs need the sso section of .github/infra.yml (awsAccountId, samlProviderName)',
    ]);
    expect(messages(checkSsoChain({ specs: healthy, stacks: [], config: { sso } }))).toEqual([
      'error IamSsoRole/security-readonly: the identity stack was not synthesized, so the SAML chain cannot be checked',
    ]);
    const broken = checkSsoChain({ specs: healthy, stacks: [{ name: 'identity', json: '{' }], config: { sso } });
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/^the synthesized identity stack is not JSON/);
  });
});
