// S3Bucket → a bucket that is private (all four public-access blocks, BucketOwnerEnforced), encrypted, TLS-only,
// versioned unless asked otherwise, with an optional lifecycle rule.
import type { Construct } from 'constructs';
import type { IntentSpecOf, S3LifecycleSpec } from '../../specs/model.js';
import type { SynthContext } from '../../synth/context.js';
import { engine } from '../../synth/engine.js';
import { escapeTf } from '../../synth/escape.js';
import { awsTags } from '../../synth/tags.js';

export function addS3Bucket(scope: Construct, spec: IntentSpecOf<'S3Bucket'>, ctx: SynthContext): void {
  const { aws } = engine();
  const body = spec.spec;

  const bucket = new aws.S3Bucket(scope, 'bucket', {
    bucket: escapeTf(body.bucketName),
    forceDestroy: body.forceDestroy,
    tags: awsTags(spec, ctx.expiresAt(spec)),
  });
  // Each `.id` / `.arn` read creates (and later resolves) a new CDKTF token: read each once.
  const bucketId = bucket.id;
  const bucketArn = bucket.arn;
  const publicAccessBlock = new aws.S3BucketPublicAccessBlock(scope, 'public_access_block', {
    bucket: bucketId,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.S3BucketOwnershipControls(scope, 'ownership_controls', {
    bucket: bucketId,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  const versioning = new aws.S3BucketVersioningA(scope, 'versioning', {
    bucket: bucketId,
    versioningConfiguration: { status: body.versioning ? 'Enabled' : 'Suspended' },
  });
  new aws.S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', {
    bucket: bucketId,
    rule: [
      body.encryption === 'aws:kms'
        ? {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              ...(body.kmsKeyId === undefined ? {} : { kmsMasterKeyId: escapeTf(body.kmsKeyId) }),
            },
            bucketKeyEnabled: true,
          }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ],
  });
  new aws.S3BucketPolicy(scope, 'tls_only', {
    bucket: bucketId,
    // Only CDKTF references and constants in this JSON: nothing user-written, so nothing to escape.
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    }),
    // S3 rejects a policy while the public access block is being put; order them.
    dependsOn: [publicAccessBlock],
  });
  if (body.lifecycle) {
    new aws.S3BucketLifecycleConfiguration(scope, 'lifecycle', {
      bucket: bucketId,
      rule: [lifecycleRule(body.lifecycle)],
      // Noncurrent-version rules need versioning configured first.
      dependsOn: [versioning],
    });
  }
}

function lifecycleRule(lifecycle: S3LifecycleSpec) {
  const transitions = [
    ...(lifecycle.transitionToIaDays === undefined
      ? []
      : [{ days: lifecycle.transitionToIaDays, storageClass: 'STANDARD_IA' }]),
    ...(lifecycle.transitionToGlacierDays === undefined
      ? []
      : [{ days: lifecycle.transitionToGlacierDays, storageClass: 'GLACIER' }]),
  ];
  return {
    id: 'infra-bot',
    status: 'Enabled',
    // An empty filter applies the rule to every object (omitting it is deprecated by the provider).
    filter: [{}],
    ...(transitions.length > 0 ? { transition: transitions } : {}),
    ...(lifecycle.expireDays === undefined ? {} : { expiration: [{ days: lifecycle.expireDays }] }),
    ...(lifecycle.noncurrentExpireDays === undefined
      ? {}
      : { noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentExpireDays }] }),
  };
}
