import type { RepoConfig } from '../config/repo-config-schema.js';
import { kindRegistry } from '../kinds/index.js';
import { canonicalHash } from './canonical-hash.js';
import { parseDuration } from './duration.js';
import type { LoadedSpec } from './load-spec-file.js';
import type { IntentSpec, SpecMetadata } from './model.js';

/** Applies repo defaults to a schema-valid document (the kind's `resolve`), giving the model synthesis works from. */
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
  const body = kindRegistry.definition(loaded.kind).resolve(loaded.document.spec, { name: metadata.name, config });
  return { ...base, kind: loaded.kind, spec: body } as IntentSpec;
}
