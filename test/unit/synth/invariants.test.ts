// Secure defaults that must hold for every stack, checked by walking the synthesised JSON of a varied model.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IntentSpec } from '../../../src/specs/model.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { bucket, ec2, group, parse, resourcesOf, role, s3Settings, terraformLiteral, user } from './fixtures.js';

/** AWS resource types we emit, by whether they take tags. A new type fails the test until it is classified. */
const TAGGABLE = new Set([
  'aws_instance',
  'aws_security_group',
  'aws_s3_bucket',
  'aws_iam_role',
  'aws_iam_saml_provider',
]);
const UNTAGGABLE = new Set([
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
]);

const model = (): IntentSpec[] => [
  group('admins'),
  user('bruce', { groups: ['admins'] }, { labels: { team: 'sec' } }),
  role('admin', {
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
  }),
  ec2(
    'open',
    { ssh: { allowFrom: ['198.51.100.0/24'] }, subnetId: 'subnet-1' },
    { owner: '@bruce', ttl: '1h', ttlMs: 3_600_000 },
  ),
  ec2('closed', { image: 'ami-0123456789abcdef0', tags: { cost: 'x' } }),
  bucket('logs'),
  bucket('archive', { encryption: 'aws:kms', lifecycle: { expireDays: 90 }, versioning: false }),
];
const stacks = () => synthesize(model(), { settings: s3Settings });
const allResources = () => stacks().flatMap((stack) => resourcesOf(parse(stack.json)));

describe('invariants', () => {
  it('tags › every taggable AWS resource carries ManagedBy, InfraSpec and Owner', () => {
    const aws = allResources().filter(([type]) => type.startsWith('aws_'));
    expect(aws.length).toBeGreaterThan(10);
    for (const [type, name, body] of aws) {
      expect({ type, known: TAGGABLE.has(type) || UNTAGGABLE.has(type) }).toEqual({ type, known: true });
      if (!TAGGABLE.has(type)) continue;
      expect({ type, name, tags: body.tags }).toEqual({
        type,
        name,
        tags: expect.objectContaining({
          ManagedBy: 'infra-bot',
          InfraSpec: expect.stringMatching(/^[A-Za-z0-9]+\/[a-z0-9-]+$/),
          Owner: expect.any(String),
        }),
      });
    }
  });

  it('tags › an EC2 instance’s volumes carry the same tags as the instance', () => {
    for (const [type, , body] of allResources())
      if (type === 'aws_instance') expect(body.volume_tags).toEqual(body.tags);
  });

  it('ssh › only specs with ssh get ingress, and only TCP 22', () => {
    const groups = stacks().map((stack) => [
      stack.name,
      parse(stack.json).resource?.aws_security_group?.security_group,
    ]);
    for (const [name, sg] of groups) {
      if (!sg) continue;
      const ingress = (sg as { ingress: { from_port: number; to_port: number; protocol: string }[] }).ingress;
      if (name === 'ec2-open')
        expect(ingress.map((r) => [r.from_port, r.to_port, r.protocol])).toEqual([[22, 22, 'tcp']]);
      else expect(ingress).toEqual([]);
    }
  });

  it('IMDSv2 › every instance requires tokens', () => {
    const instances = allResources().filter(([type]) => type === 'aws_instance');
    expect(instances).toHaveLength(2);
    for (const [, , body] of instances) expect(body.metadata_options).toMatchObject({ http_tokens: 'required' });
  });

  it('buckets › every bucket has all public-access blocks, enforced ownership, encryption and a TLS-only policy', () => {
    for (const stack of stacks().filter((s) => s.name.startsWith('s3-'))) {
      const resource = parse(stack.json).resource!;
      expect(Object.values(resource.aws_s3_bucket_public_access_block!)[0]).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(Object.values(resource.aws_s3_bucket_ownership_controls!)[0]!.rule).toEqual({
        object_ownership: 'BucketOwnerEnforced',
      });
      expect(resource.aws_s3_bucket_server_side_encryption_configuration).toBeDefined();
      const policy = Object.values(resource.aws_s3_bucket_policy!)[0]!.policy as string;
      expect(policy).toContain('"aws:SecureTransport":"false"');
      expect(policy).toContain('"Effect":"Deny"');
    }
  });

  it('providers › never hold credentials', () => {
    for (const stack of stacks()) {
      for (const configs of Object.values(parse(stack.json).provider ?? {})) {
        for (const config of configs) {
          // Settings only: credentials come from the environment at run time.
          expect(Object.keys(config).filter((key) => !['region', 'max_api_capacity'].includes(key))).toEqual([]);
        }
      }
    }
  });

  it('literals › any user string in any field reaches Terraform exactly, never as an expression', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc
        .array(fc.constantFrom('${', '%{', '$${', '}', 'file("x")', 'TfToken[', 'a', '-8.1e298', ' '), { maxLength: 8 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, text, text, (description, userData, tagValue) => {
        const specs = [group('g', { description }), ec2('box', { userData, tags: { [`k${tagValue}`]: tagValue } })];
        const [identity, box] = synthesize(specs, { settings: s3Settings }).map((stack) => parse(stack.json));
        expect(terraformLiteral(identity!.resource!.okta_group!.group_g!.description as string)).toBe(description);
        const instance = box!.resource!.aws_instance!.instance!;
        expect(terraformLiteral(instance.user_data as string)).toBe(userData);
        const tags = Object.entries(instance.tags as Record<string, string>).map(([k, v]) => [
          terraformLiteral(k),
          terraformLiteral(v),
        ]);
        expect(tags).toContainEqual([`k${tagValue}`, tagValue]);
      }),
      { numRuns: 60 },
    );
  });
});
