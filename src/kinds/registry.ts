// The generic paths over a kind table: which definition a spec has, its stack, the owner of a synthesised resource,
// the document schema. src/kinds/index.ts binds them to the shipped table; a test binds them to its own.
import { z } from 'zod';
import { API_VERSION, metadataSchema } from '../specs/kinds/common.js';
import type { AnyKindDefinition, KindTable } from './kind-definition.js';
import { parseStackName, stackNameOf, stackNamePattern, stackNamesText, type ParsedStackName } from './stack-names.js';

/** The least a generic path needs of a spec. */
export interface KindedSpec<K extends string = string> {
  kind: K;
  metadata: { name: string };
}

export interface KindRegistry<K extends string> {
  /** The kind names, in table order. */
  kinds: readonly K[];
  definition(kind: K): AnyKindDefinition<K>;
  /** Definitions in the order their resources are added to a stack (`synth.order`, then table order). */
  synthOrder: readonly AnyKindDefinition<K>[];
  stackNameFor(spec: KindedSpec<K>): string;
  parseStackName(stack: string): ParsedStackName<K>;
  /** `identity`, `ec2-<name>` and `s3-<name>` (Markdown). */
  stackNamesText: string;
  /** Regular-expression source matching exactly the stack names (no anchors, no capture groups). */
  stackNamePattern: string;
  /** The spec that owns construct `resourceName` in `stack` (`kind/name`), or undefined when none does. */
  ownerInStack(stack: string, resourceName: string): `${K}/${string}` | undefined;
  primaryAddress(spec: KindedSpec<K>): string;
  /** The whole document for one kind: envelope + body (built once per kind: zod compiles schemas on first use). */
  documentSchema(kind: K): z.ZodType;
}

export function createKindRegistry<T extends KindTable<T>>(table: T): KindRegistry<keyof T & string> {
  type K = keyof T & string;
  const kinds = Object.keys(table) as K[];
  // KindTable<T> says `table[kind]` is the definition of `kind`; TypeScript cannot carry that through an index.
  const at = (kind: K) => table[kind] as unknown as AnyKindDefinition<K>;
  const definitions = kinds.map(at);
  const definition = (kind: K): AnyKindDefinition<K> => {
    const found = Object.hasOwn(table, kind) ? at(kind) : undefined;
    if (!found) throw new Error(`unknown kind "${kind}": no definition in the kind table`);
    return found;
  };
  const documentSchemas = new Map<K, z.ZodType>();
  return {
    kinds,
    definition,
    synthOrder: [...definitions].sort((a, b) => a.synth.order - b.synth.order),
    stackNameFor: (spec) => stackNameOf(definition(spec.kind), spec.metadata.name),
    parseStackName: (stack) => parseStackName(definitions, stack),
    stackNamesText: stackNamesText(definitions),
    stackNamePattern: stackNamePattern(definitions),
    ownerInStack: (stack, resourceName) => {
      const parsed = parseStackName(definitions, stack);
      if (!parsed.ok) return undefined;
      const { owner } = parsed;
      if ('kind' in owner) return `${owner.kind}/${owner.name}`;
      for (const d of definitions) {
        if (!('shared' in d.placement) || d.placement.shared !== owner.shared) continue;
        const match = d.placement.ownerPattern.exec(resourceName);
        if (match?.[1] !== undefined) return `${d.kind}/${match[1]}`;
      }
      return undefined;
    },
    primaryAddress: (spec) => definition(spec.kind).primaryAddress(spec.metadata.name),
    documentSchema: (kind) => {
      let schema = documentSchemas.get(kind);
      if (!schema) {
        schema = buildDocumentSchema(definition(kind));
        documentSchemas.set(kind, schema);
      }
      return schema;
    },
  };
}

const buildDocumentSchema = (definition: AnyKindDefinition): z.ZodType =>
  z
    .strictObject({
      apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
      kind: z.literal(definition.kind).describe(definition.description),
      metadata: metadataSchema.describe('Name, owner, expiry and labels.'),
      spec: definition.schema.describe(`${definition.kind} settings.`),
    })
    .describe(definition.description);
