// `key=value` pairs from a command → a spec document's `metadata` and `spec` (pure). Keys are dotted paths
// (`ssh.allowFrom`); the kind's zod schema decides each value's type: numbers and booleans are converted, list
// fields split on commas. A key the schema does not know is kept as written, so the validator names it and suggests
// the closest field, exactly as it would in a pull request.
import type { z } from 'zod';
import { metadataSchema } from '../../specs/kinds/common.js';
import { specBodySchemaFor } from '../../specs/kinds/index.js';
import type { Kind } from '../../specs/model.js';

export type Fields = Record<string, string>;
type Tree = Record<string, unknown>;

export interface SpecDraft {
  metadata: Tree;
  spec: Tree;
}

export type DraftResult = { ok: true; draft: SpecDraft } | { ok: false; problems: string[] };

/** Metadata fields that may be written without the `metadata.` prefix (`owner=…`, `ttl=3d`, `labels.team=…`). */
const METADATA_KEYS = new Set(['owner', 'ttl', 'expiresAt', 'labels']);
/** Never a field name: written into a plain object they would reach its prototype. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a key goes: `metadata.x` / `spec.x` explicitly, the metadata fields above, everything else under `spec`. */
export function placeKey(key: string): { section: 'metadata' | 'spec'; path: string[] } {
  const path = key.split('.');
  if ((path[0] === 'metadata' || path[0] === 'spec') && path.length > 1) {
    return { section: path[0], path: path.slice(1) };
  }
  return { section: METADATA_KEYS.has(path[0]!) ? 'metadata' : 'spec', path };
}

/** Builds `metadata` + `spec` from the pairs, on top of `base` (fields the command itself sets). */
export function draftSpec(kind: Kind, fields: Fields, base: Partial<SpecDraft> = {}): DraftResult {
  const draft: SpecDraft = { metadata: { ...base.metadata }, spec: { ...base.spec } };
  const problems: string[] = [];
  const schemas = { metadata: metadataSchema as z.ZodType, spec: specBodySchemaFor(kind) as z.ZodType };
  for (const [key, text] of Object.entries(fields)) {
    const { section, path } = placeKey(key);
    if (path.some((segment) => FORBIDDEN.has(segment))) {
      problems.push(`\`${key}\` is not a field name.`);
      continue;
    }
    if (section === 'metadata' && path[0] === 'name') {
      problems.push('`metadata.name` is set with `name=…`.');
      continue;
    }
    const value = coerce(text, schemaAt(schemas[section], path));
    if (!setPath(draft[section], path, value)) {
      problems.push(`\`${key}\` conflicts with another field: one place cannot hold both a value and nested fields.`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, draft };
}

/** False when a value already sits where a mapping is needed (or the reverse): `ssh=x ssh.keyName=y`. */
function setPath(tree: Tree, path: string[], value: unknown): boolean {
  let node = tree;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === undefined) node[segment] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) return false;
    node = node[segment] as Tree;
  }
  const last = path[path.length - 1]!;
  if (node[last] !== undefined && typeof node[last] === 'object' && !Array.isArray(node[last])) return false;
  node[last] = value;
  return true;
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; in?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Optional, default, nullable and pipes are wrappers: the value's type is inside. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i++) {
    const def = defOf(current);
    if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(def.type))
      current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}

/** The schema of the field at `path`, or undefined when the schema has no such field. */
export function schemaAt(root: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === 'object') {
      const shape = (current as unknown as { shape: Record<string, z.ZodType> }).shape;
      current = unwrap(Object.hasOwn(shape, segment) ? shape[segment] : undefined);
    } else if (def.type === 'record') {
      current = unwrap(def.valueType);
    } else {
      return undefined;
    }
  }
  return current;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The text as the field's type; text that does not fit is kept, so the validator reports it with its own words. */
export function coerce(text: string, schema: z.ZodType | undefined): unknown {
  if (!schema) return text;
  const def = defOf(schema);
  if (def.type === 'number') return NUMBER.test(text) ? Number(text) : text;
  if (def.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (def.type === 'array') {
    const element = unwrap(def.element);
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => coerce(item, element));
  }
  return text;
}
