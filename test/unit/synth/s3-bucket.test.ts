import { describe, expect, it } from '@jest/globals';
import { synthesize } from '../../../src/synth/synthesize.js';
import { bucket, parse, s3Settings } from './fixtures.js';
import type { TfConfig } from './fixtures.js';

const synthOne = (spec: ReturnType<typeof bucket>) => synthesize([spec], { settings: s3Settings })[0]!;
const config = (spec: ReturnType<typeof bucket>): TfConfig => parse(synthOne(spec).json);
const only = (c: TfConfig, type: string) => Object.values(c.resource![type] ?? {})[0]!;

describe('S3Bucket', () => {
  it('snapshot › defaults: AES256, versioned, no lifecycle', () => {
    expect(synthOne(bucket('logs')).json).toMatchSnapshot();
  });

  it('snapshot › KMS with a key, lifecycle, versioning suspended, force destroy with an expiry', () => {
    const spec = bucket(
      'scratch',
      {
        bucketName: 'acme-scratch-2030',
        versioning: false,
        encryption: 'aws:kms',
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
        lifecycle: { transitionToIaDays: 30, transitionToGlacierDays: 90, expireDays: 365, noncurrentExpireDays: 7 },
        forceDestroy: true,
      },
      { expiresAt: '2030-12-31T18:00:00Z', owner: '@bruce' },
    );
    expect(synthOne(spec).json).toMatchSnapshot();
  });

  it('public access › all four blocks on', () => {
    expect(only(config(bucket('logs')), 'aws_s3_bucket_public_access_block')).toMatchObject({
      bucket: '${aws_s3_bucket.bucket.id}',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('ownership › BucketOwnerEnforced (no ACLs)', () => {
    expect(only(config(bucket('logs')), 'aws_s3_bucket_ownership_controls').rule).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
  });

  it('TLS › the policy denies every non-TLS request on the bucket and its objects, after the public access block', () => {
    const policy = only(config(bucket('logs')), 'aws_s3_bucket_policy');
    expect(policy.depends_on).toEqual(['aws_s3_bucket_public_access_block.public_access_block']);
    expect(JSON.parse(policy.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['${aws_s3_bucket.bucket.arn}', '${aws_s3_bucket.bucket.arn}/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  it.each([
    [true, 'Enabled'],
    [false, 'Suspended'],
  ])('versioning %s › %s', (versioning, status) => {
    expect(only(config(bucket('logs', { versioning })), 'aws_s3_bucket_versioning').versioning_configuration).toEqual({
      status,
    });
  });

  it('encryption › AES256 by default', () => {
    expect(only(config(bucket('logs')), 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
  });

  it('encryption › aws:kms without a key id › the AWS-managed key, bucket key on', () => {
    const sse = only(
      config(bucket('logs', { encryption: 'aws:kms' })),
      'aws_s3_bucket_server_side_encryption_configuration',
    );
    expect(sse.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true },
    ]);
  });

  it('lifecycle › absent › no lifecycle resource', () => {
    expect(config(bucket('logs')).resource!.aws_s3_bucket_lifecycle_configuration).toBeUndefined();
  });

  it('lifecycle › only some fields › only those blocks, whole bucket, after versioning', () => {
    const lifecycle = only(
      config(bucket('logs', { lifecycle: { expireDays: 30 } })),
      'aws_s3_bucket_lifecycle_configuration',
    );
    expect(lifecycle.depends_on).toEqual(['aws_s3_bucket_versioning.versioning']);
    expect(lifecycle.rule).toEqual([{ id: 'infra-bot', status: 'Enabled', filter: [{}], expiration: [{ days: 30 }] }]);
  });

  it('bucket › name, force_destroy and tags from the spec', () => {
    const b = only(
      config(bucket('logs', { bucketName: 'acme-logs-x', forceDestroy: true }, { labels: { team: 'a' } })),
      'aws_s3_bucket',
    );
    expect(b).toMatchObject({
      bucket: 'acme-logs-x',
      force_destroy: true,
      tags: { ManagedBy: 'infra-bot', InfraSpec: 'S3Bucket/logs', Owner: 'unowned', team: 'a' },
    });
  });
});
