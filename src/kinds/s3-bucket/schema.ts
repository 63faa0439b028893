import { z } from 'zod';
import { region } from '../../specs/kinds/common.js';

const days = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of days` })
    .int({ error: `${what} must be a whole number of days` })
    .min(1, { error: `${what} must be at least 1` })
    .max(36500, { error: `${what} must be at most 36500` });

export const s3BucketSchema = z.strictObject({
  region: region('spec.region').optional().describe('AWS region; defaults to the repo default region.'),
  bucketName: z
    .string({ error: 'spec.bucketName must be a string' })
    .optional()
    .describe('Bucket name; defaults to <s3.namePrefix>-<metadata.name>. Checked against the S3 naming rules.'),
  versioning: z
    .boolean({ error: 'spec.versioning must be true or false' })
    .default(true)
    .describe('Object versioning. Default true.'),
  encryption: z
    .enum(['AES256', 'aws:kms'], { error: 'spec.encryption must be AES256 or aws:kms' })
    .default('AES256')
    .describe(
      'Default encryption: AES256 (default, SSE-S3) or aws:kms (SSE-KMS with kmsKeyId, or the AWS-managed aws/s3 key without).',
    ),
  kmsKeyId: z
    .string({ error: 'spec.kmsKeyId must be a string' })
    .regex(
      /^(arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|alias\/[\w/-]+)|[0-9a-f-]{36}|alias\/[\w/-]+)$/,
      { error: 'spec.kmsKeyId must be a KMS key ARN, key id or alias' },
    )
    .optional()
    .describe('KMS key for aws:kms encryption; omit it to use the AWS-managed aws/s3 key.'),
  lifecycle: z
    .strictObject({
      transitionToIaDays: days('spec.lifecycle.transitionToIaDays')
        .optional()
        .describe('Move objects to Standard-IA after N days (≥ 30).'),
      transitionToGlacierDays: days('spec.lifecycle.transitionToGlacierDays')
        .optional()
        .describe('Move objects to Glacier Flexible Retrieval after N days.'),
      expireDays: days('spec.lifecycle.expireDays').optional().describe('Delete current objects after N days.'),
      noncurrentExpireDays: days('spec.lifecycle.noncurrentExpireDays')
        .optional()
        .describe('Delete noncurrent versions N days after they become noncurrent.'),
    })
    .optional()
    .describe('Lifecycle rules; the days must be in order (IA < Glacier < expire).'),
  forceDestroy: z
    .boolean({ error: 'spec.forceDestroy must be true or false' })
    .default(false)
    .describe('Delete all objects when the bucket is destroyed. Only allowed on a spec with ttl or expiresAt.'),
});
