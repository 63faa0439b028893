import type { z } from 'zod';
import type { RepoConfig } from '../config/repo-config-schema.js';
import { kindRegistry } from '../kinds/index.js';
import { parseDuration } from './duration.js';
import { metadataSchema } from './kinds/common.js';
import type { Kind } from './model.js';
import type { PartialSpec, SpecOrigin } from './partial-spec.js';
import { defOf, unwrap } from './zod-diagnostics.js';

type Fields = Record<string, unknown>;

/**
 * The fields of a document that failed its schema and are valid on their own (schema defaults applied, then the
 * repo defaults the checks rely on), so the checks can still run on them. A field that is missing or invalid is
 * left out: the schema already reported it, and no check may guess its value.
 */
export function salvageSpec(kind: Kind, origin: SpecOrigin, config: RepoConfig): PartialSpec {
  const raw = isMapping(origin.raw) ? origin.raw : {};
  const metadata = validFields(metadataSchema, raw.metadata);
  const body = validFields(kindRegistry.definition(kind).schema as z.ZodObject, raw.spec);
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const resolvedMetadata = {
    ...metadata,
    ...(typeof metadata.ttl === 'string' && { ttlMs: parseDuration(metadata.ttl) }),
    ...(typeof metadata.expiresAt === 'string' && { expiresAt: new Date(metadata.expiresAt).toISOString() }),
  };
  const absent = (field: string) => !isMapping(raw.spec) || raw.spec[field] === undefined;
  const orDefault = (field: string, value: unknown) =>
    body[field] === undefined && absent(field) && value !== undefined ? { [field]: value } : {};
  const spec: Fields = { ...body, ...kindRegistry.definition(kind).salvage(body, { name, config, orDefault }) };
  return { kind, metadata: resolvedMetadata, spec } as PartialSpec;
}

/**
 * Each field of an object schema parsed on its own; the ones that pass, with their defaults. A nested mapping that
 * fails (`ssh` with an unknown key) is salvaged the same way, so its valid fields (`ssh.allowFrom`) are still checked.
 */
function validFields(schema: z.ZodObject, value: unknown): Fields {
  if (!isMapping(value)) return {};
  const fields: Fields = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const result = field.safeParse(value[key]);
    if (result.success) {
      if (result.data !== undefined) fields[key] = result.data;
      continue;
    }
    const inner = objectSchemaOf(field);
    if (inner && isMapping(value[key])) fields[key] = validFields(inner, value[key]);
  }
  return fields;
}

/** The object schema inside optional/default wrappers, if the field is one. */
function objectSchemaOf(schema: z.ZodType): z.ZodObject | undefined {
  const inner = unwrap(schema);
  return defOf(inner).type === 'object' ? (inner as z.ZodObject) : undefined;
}

const isMapping = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
