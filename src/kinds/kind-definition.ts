// What one spec kind is, hook by hook. Every generic path (load, validate, synth, review, cost, self-service) asks
// the kind's definition instead of switching on its name; every member is required, so a kind that forgets one does
// not compile. Types only: the definitions live in src/kinds/<kind>/definition.ts, the table in src/kinds/index.ts.
import type { TerraformStack } from 'cdktf';
import type { z } from 'zod';
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { PriceTable } from '../review/cost/price-table.js';
import type { S3Assumption, SpecCost } from '../review/cost/cost-basis.js';
import type { Line } from '../review/rich-text.js';
import type { SpecMetadata } from '../specs/model.js';
import type { SpecOrigin } from '../specs/partial-spec.js';
import type { DiagnosticSink } from '../specs/report.js';
import type { SynthContext } from '../synth/context.js';

/** A validated spec of kind `K` whose body is `B` (`IntentSpecOf<K>` for the kinds in the table). */
export interface SpecOfKind<K extends string, B> {
  kind: K;
  metadata: SpecMetadata;
  spec: B;
  file: string;
  hash: string;
}

/** Objects partial all the way down (a nested mapping is salvaged field by field too); lists stay whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [P in keyof T]?: DeepPartial<T[P]> }
    : T;

/** A spec as the checks see it: only the fields that are valid on their own (see specs/partial-spec.ts). */
export interface PartialSpecOfKind<K extends string, B> {
  kind: K;
  metadata: Partial<SpecMetadata>;
  spec: DeepPartial<B>;
}

/**
 * Which Terraform state a kind's specs live in: one shared stack for all of them (its resources' construct ids name
 * the spec: `ownerPattern`'s first group is the spec name), or a stack of their own per spec, `<prefix>-<name>`.
 */
export type StackPlacement = { shared: string; ownerPattern: RegExp } | { ownStack: string };

/**
 * `identity.stackLayout` in .github/infra.yml: `shared` keeps every identity spec in the one `identity` stack;
 * `per-spec` gives each Okta user and group a stack of its own (docs/adr/0007-identity-stacks-per-spec.md).
 */
export type StackLayout = 'shared' | 'per-spec';
export const STACK_LAYOUTS: readonly StackLayout[] = ['shared', 'per-spec'];

/** What a kind's synth step gets besides its specs. */
export interface KindSynthScope {
  ctx: SynthContext;
  /**
   * The okta_group id (a reference) of OktaGroup spec `name`: the group's resource when it is in this stack (added
   * earlier by `defineGroup`), a lookup of its own stack's state in the per-spec layout, undefined otherwise.
   */
  groupId(name: string): string | undefined;
  /** Records the okta_group id of a group added to this stack. */
  defineGroup(name: string, id: string): void;
  /** Adds the stack's AWS provider for `region`; the first call wins, later ones do nothing. */
  awsProvider(region: string): void;
}

/** Inputs of a cost estimate: the shipped price table and the usage assumed for what depends on use. */
export interface CostInputs {
  prices: PriceTable;
  s3: S3Assumption;
}

/** Repo policy checks beyond the generic ones (ttl, labels, region), on a spec that may be partial. */
export interface PolicyScope {
  config: RepoConfig;
  origin: SpecOrigin;
  sink: DiagnosticSink;
  /** Whether the document as written sets the field at `path`. */
  written(...path: string[]): boolean;
  /** `(policy in .github/infra.yml)`, appended to every policy message. */
  note: string;
}

/** The fields to keep from a document that failed its schema, with repo defaults, so later checks still run. */
export interface SalvageScope {
  name: string | undefined;
  config: RepoConfig;
  /** The field, when the body does not have it valid and the document does not set it. */
  orDefault(field: string, value: unknown): Record<string, unknown>;
}

export interface KindDefinition<K extends string, B, S extends z.ZodType = z.ZodType> {
  kind: K;
  /** One sentence; the JSON Schema's description of the kind. */
  description: string;
  /** The body's zod schema (`spec:`); exported as JSON Schema, so no `refine` (cross-field checks go in `check`). */
  schema: S;
  /** A schema-valid body → the body with repo defaults applied. */
  resolve(body: z.output<S>, scope: { name: string; config: RepoConfig }): B;
  /** The same defaults on a body that failed its schema (only the fields that are valid alone are there). */
  salvage(body: Record<string, unknown>, scope: SalvageScope): Record<string, unknown>;
  /** Checks of one spec that need more than its schema (field combinations, ranges, naming rules). */
  check(spec: PartialSpecOfKind<K, B>, origin: SpecOrigin, sink: DiagnosticSink): void;
  /**
   * A value besides `kind/name` that must differ between specs of this kind (a bucket name is global, an Okta login
   * is one person), and where a clash is reported; 'none' when names alone must differ.
   */
  distinct(spec: PartialSpecOfKind<K, B>): { key: string; path: string[]; label: string } | undefined | 'none';
  /** The AWS region the spec's resources live in, checked against `policy.allowedRegions`; 'none' when it has none. */
  region: ((body: DeepPartial<B>) => string | undefined) | 'none';
  policy(spec: PartialSpecOfKind<K, B>, scope: PolicyScope): void;
  /** Its stack in each layout (the layouts differ for the identity kinds only). */
  placement: Record<StackLayout, StackPlacement>;
  /** Whether stacks holding it talk to Okta: they get the Okta provider and Okta's credentials. */
  okta: boolean;
  synth: {
    /**
     * Lower first within a stack (a kind that reads `groupId` comes after the kind that defines it), and the order
     * of the Okta stacks in plan and apply: groups before users before the federation.
     */
    order: number;
    add(stack: TerraformStack, specs: readonly SpecOfKind<K, B>[], scope: KindSynthScope): void;
  };
  /** The resource whose creation or destruction is the spec's: the plan must show it when the spec comes or goes. */
  primaryAddress(name: string): string;
  /**
   * Whether the spec's user data (a secret unless its spec says otherwise) may be shown in plans and summaries: on
   * its primary resource and in `spec.userData` changes; 'none' for kinds without user data.
   */
  userData(spec: SpecOfKind<K, B>): 'shown' | 'hidden' | 'none';
  /** What the spec is, for the intent summary's created / destroyed lines. */
  describe(spec: SpecOfKind<K, B>): Line;
  /** Its monthly cost, or 'no estimate' for a kind that costs nothing we price (Okta users, IAM roles). */
  cost(spec: SpecOfKind<K, B>, inputs: CostInputs): SpecCost | 'no estimate';
  /** Folder under the specs directory where `/infra new` writes it (e.g. `compute`). */
  folder: string;
  /** How `/infra inventory` lists it; 'none' for kinds with nothing to list there (Okta, IAM). */
  inventory(spec: SpecOfKind<K, B>): InventoryEntry | 'none';
}

/** A spec's `/infra inventory` row: an instance (its live ids come from EC2, by InfraSpec tag) or a bucket. */
export type InventoryEntry =
  | { section: 'instances'; region: string; instanceType: string }
  | { section: 'buckets'; region: string; bucketName: string };

/** Any definition, whatever its kind and body (what the generic paths take). */
// `any` for the body: a table mixes bodies, and hooks take the body in parameter position (contravariant), so no
// single non-any body type accepts every definition.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKindDefinition<K extends string = string> = KindDefinition<K, any>;

/** A table of kinds: each key holds the definition of that kind. */
export type KindTable<T> = { [K in keyof T & string]: AnyKindDefinition<K> };

/** The body a definition's `resolve` gives. */
export type BodyOf<D> = D extends { resolve(...args: never[]): infer B } ? B : never;

/** The table as written, checked: every key holds the definition of that kind. */
export const defineKindTable = <T extends KindTable<T>>(table: T): T => table;
