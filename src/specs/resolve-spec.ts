import type { RepoConfig } from '../config/repo-config-schema.js';
import { canonicalHash } from './canonical-hash.js';
import { parseDuration } from './duration.js';
import type { LoadedSpec } from './load-spec-file.js';
import type { Ec2InstanceSpec, IntentSpec, SpecMetadata } from './model.js';

const HOUR_SECONDS = 3600;

/** Applies repo defaults to a schema-valid document, giving the model synthesis works from. */
export function resolveSpec(loaded: LoadedSpec, config: RepoConfig): IntentSpec {
  const { metadata } = loaded.document;
  const resolvedMetadata: SpecMetadata = {
    name: metadata.name,
    labels: metadata.labels ?? {},
    ...(metadata.owner !== undefined && { owner: metadata.owner }),
    ...(metadata.ttl !== undefined && { ttl: metadata.ttl, ttlMs: parseDuration(metadata.ttl) }),
    ...(metadata.expiresAt !== undefined && { expiresAt: new Date(metadata.expiresAt).toISOString() }),
  };
  const base = { file: loaded.source.file, hash: canonicalHash(loaded.raw), metadata: resolvedMetadata };
  const withKind = withDefaults(loaded, config);
  return { ...base, ...withKind } as IntentSpec;
}

function withDefaults(loaded: LoadedSpec, config: RepoConfig): Pick<IntentSpec, 'kind' | 'spec'> {
  const name = loaded.document.metadata.name;
  const spec = loaded.document.spec;
  switch (loaded.kind) {
    case 'OktaUser': {
      const user = spec as LoadedSpec<'OktaUser'>['document']['spec'];
      return { kind: 'OktaUser', spec: { ...user, login: user.login ?? user.email } };
    }
    case 'OktaGroup': {
      const group = spec as LoadedSpec<'OktaGroup'>['document']['spec'];
      return { kind: 'OktaGroup', spec: { ...group, displayName: group.displayName ?? name } };
    }
    case 'Ec2Instance': {
      const instance = spec as LoadedSpec<'Ec2Instance'>['document']['spec'];
      return {
        kind: 'Ec2Instance',
        spec: {
          ...instance,
          region: instance.region ?? config.defaults.region,
          instanceType: instance.instanceType ?? config.defaults.instanceType,
          image: instance.image as Ec2InstanceSpec['image'],
          tags: instance.tags ?? {},
        },
      } as Pick<IntentSpec, 'kind' | 'spec'>;
    }
    case 'S3Bucket': {
      const bucket = spec as LoadedSpec<'S3Bucket'>['document']['spec'];
      return {
        kind: 'S3Bucket',
        spec: {
          ...bucket,
          region: bucket.region ?? config.defaults.region,
          bucketName: bucket.bucketName ?? defaultBucketName(name, config),
        },
      };
    }
    case 'IamSsoRole': {
      const { maxSessionDuration, ...role } = spec as LoadedSpec<'IamSsoRole'>['document']['spec'];
      const seconds = Math.round((parseDuration(maxSessionDuration) ?? HOUR_SECONDS * 1000) / 1000);
      return { kind: 'IamSsoRole', spec: { ...role, maxSessionDurationSeconds: seconds } };
    }
  }
}

export const defaultBucketName = (name: string, config: RepoConfig): string =>
  config.s3.namePrefix ? `${config.s3.namePrefix}-${name}` : name;
