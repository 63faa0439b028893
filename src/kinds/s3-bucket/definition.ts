// S3Bucket: a private, encrypted, TLS-only bucket in a stack of its own (`s3-<name>`).
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { code, plain } from '../../review/rich-text.js';
import type { KindDefinition } from '../kind-definition.js';
import { checkS3 } from './check.js';
import { s3MonthlyCost } from './cost.js';
import type { S3BucketSpec } from './model.js';
import { s3BucketSchema } from './schema.js';
import { addS3Bucket } from './synth.js';

/** `<s3.namePrefix>-<name>`, or the name alone without a prefix. */
export const defaultBucketName = (name: string, config: RepoConfig): string =>
  config.s3.namePrefix ? `${config.s3.namePrefix}-${name}` : name;

// Annotated, not inferred: the kind table's type (and so `Kind`) is read from these declarations.
export const s3Bucket: KindDefinition<'S3Bucket', S3BucketSpec, typeof s3BucketSchema> = {
  kind: 'S3Bucket',
  description: 'A private, encrypted S3 bucket that denies non-TLS requests.',
  schema: s3BucketSchema,
  resolve: (bucket, { name, config }) => ({
    ...bucket,
    region: bucket.region ?? config.defaults.region,
    bucketName: bucket.bucketName ?? defaultBucketName(name, config),
  }),
  salvage: (_body, { name, config, orDefault }) => ({
    ...orDefault('region', config.defaults.region),
    ...orDefault('bucketName', name === undefined ? undefined : defaultBucketName(name, config)),
  }),
  check: checkS3,
  // Bucket names are global across AWS accounts: two specs cannot share one.
  distinct: (spec) =>
    spec.spec.bucketName === undefined
      ? undefined
      : { key: spec.spec.bucketName, path: ['metadata', 'name'], label: `bucket name "${spec.spec.bucketName}"` },
  region: (body) => body.region,
  policy: () => {},
  placement: { shared: { ownStack: 's3' }, 'per-spec': { ownStack: 's3' } },
  okta: false,
  synth: {
    order: 0,
    add: (stack, specs, scope) => {
      for (const spec of specs) {
        scope.awsProvider(spec.spec.region);
        addS3Bucket(stack, spec, scope.ctx);
      }
    },
  },
  primaryAddress: () => 'aws_s3_bucket.bucket',
  userData: () => 'none',
  describe: (spec) => {
    const s = spec.spec;
    return [
      plain('bucket '),
      code(s.bucketName),
      plain(` in ${s.region}, versioning ${s.versioning ? 'on' : 'off'}, ${s.encryption}`),
      ...(s.forceDestroy ? [plain(', objects deleted with it')] : []),
    ];
  },
  cost: s3MonthlyCost,
  folder: 'data',
  inventory: (spec) => ({ section: 'buckets', region: spec.spec.region, bucketName: spec.spec.bucketName }),
};
