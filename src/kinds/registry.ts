// The generic paths over a kind table: which definition a spec has, its stack, the owner of a synthesised resource,
// the document schema. src/kinds/index.ts binds them to the shipped table; a test binds them to its own.
import { z } from 'zod';
import { API_VERSION, metadataSchema } from '../specs/kinds/common.js';
import { STACK_LAYOUTS, type AnyKindDefinition, type KindTable, type StackLayout } from './kind-definition.js';
import { stackNameOf, stackNameParser, stackNamePattern, stackNamesText, type ParsedStackName } from './stack-names.js';

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
  stackNameFor(spec: KindedSpec<K>, layout: StackLayout): string;
  parseStackName(stack: string): ParsedStackName<K>;
  /** Whether `stack` (of either layout) holds Okta resources: it gets the Okta provider and Okta's credentials. */
  isOktaStack(stack: string): boolean;
  /**
   * Where `stack` comes in plan and apply order, lowest first: Okta stacks by their kinds' `synth.order` (groups,
   * then users, then the federation: each reads what the one before creates), then every other stack.
   */
  stackRank(stack: string): number;
  /** `identity`, `sso`, `ec2-<name>`, … (Markdown). */
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
  const parse = stackNameParser(definitions);
  /** The kinds whose specs a stack of this name can hold. */
  const kindsIn = (stack: string): AnyKindDefinition<K>[] => {
    const parsed = parse(stack);
    if (!parsed.ok) return [];
    const { owner } = parsed;
    if ('kind' in owner) return [definition(owner.kind)];
    return definitions.filter((d) =>
      STACK_LAYOUTS.some((layout) => {
        const placement = d.placement[layout];
        return 'shared' in placement && placement.shared === owner.shared;
      }),
    );
  };
  const ranks = new Map<string, number>();
  const documentSchemas = new Map<K, z.ZodType>();
  return {
    kinds,
    definition,
    synthOrder: [...definitions].sort((a, b) => a.synth.order - b.synth.order),
    stackNameFor: (spec, layout) => stackNameOf(definition(spec.kind), spec.metadata.name, layout),
    parseStackName: parse,
    isOktaStack: (stack) => kindsIn(stack).some((d) => d.okta),
    stackRank: (stack) => {
      // A rank depends on what kind of stack it is only: one entry per shared stack and per kind.
      const parsed = parse(stack);
      const key = !parsed.ok ? stack : 'kind' in parsed.owner ? `kind:${parsed.owner.kind}` : parsed.owner.shared;
      let rank = ranks.get(key);
      if (rank === undefined) {
        const okta = kindsIn(stack).filter((d) => d.okta);
        rank = okta.length > 0 ? Math.min(...okta.map((d) => d.synth.order)) : OTHER_STACKS_RANK;
        if (parsed.ok) ranks.set(key, rank);
      }
      return rank;
    },
    stackNamesText: stackNamesText(definitions),
    stackNamePattern: stackNamePattern(definitions),
    ownerInStack: (stack, resourceName) => {
      const parsed = parse(stack);
      if (!parsed.ok) return undefined;
      const { owner } = parsed;
      if ('kind' in owner) return `${owner.kind}/${owner.name}`;
      for (const d of definitions) {
        for (const layout of STACK_LAYOUTS) {
          const placement = d.placement[layout];
          if (!('shared' in placement) || placement.shared !== owner.shared) continue;
          const match = placement.ownerPattern.exec(resourceName);
          if (match?.[1] !== undefined) return `${d.kind}/${match[1]}`;
        }
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

/** After every Okta stack (their ranks are their kinds' `synth.order`, small numbers). */
const OTHER_STACKS_RANK = 1000;

const buildDocumentSchema = (definition: AnyKindDefinition): z.ZodType =>
  z
    .strictObject({
      apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
      kind: z.literal(definition.kind).describe(definition.description),
      metadata: metadataSchema.describe('Name, owner, expiry and labels.'),
      spec: definition.schema.describe(`${definition.kind} settings.`),
    })
    .describe(definition.description);
