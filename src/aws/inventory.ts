// `/infra inventory` (pure): EC2 instances and S3 buckets the specs declare, with owner, state and expiry, plus
// instances tagged `ManagedBy=infra-bot` that no spec declares (left behind, or created by hand with our tags).
import { kindOf } from '../kinds/index.js';
import type { InventoryEntry } from '../kinds/kind-definition.js';
import type { IntentSpec, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { byCodePoint } from '../synth/stacks.js';
import type { ManagedInstance } from './list-managed-instances.js';

export interface InventoryRow {
  /** `kind/name` of the declaring spec; null for an instance no spec declares. */
  spec: SpecKey | null;
  file: string | null;
  /** Instance id, or bucket name. */
  resource: string;
  region: string;
  owner: string;
  /** EC2 state (`running`…), `not found` when the spec has no live instance, or the bucket state given. */
  state: string;
  instanceType: string | null;
  /** ISO time of the scheduled destroy, when known. */
  expiresAt: string | null;
  /** How the expiry is known: the scheduled deadline, the spec's expiresAt, its ttl (not applied yet), or none. */
  expiry: string;
  /** The InfraSpec tag, for unmanaged rows (null: the instance has none). */
  infraSpecTag?: string | null;
}

export interface Inventory {
  generatedAt: string;
  /** Regions whose instances were listed; a spec in another region shows as `not checked`. */
  regions: string[];
  instances: InventoryRow[];
  buckets: InventoryRow[];
  unmanaged: InventoryRow[];
}

export interface InventoryInput {
  instances: readonly ManagedInstance[];
  specs: readonly IntentSpec[];
  regions: readonly string[];
  now: Date;
  /** Scheduled destroys from the store (`specKey`, `dueAt`); only `scheduled` ones count. */
  deadlines?: readonly { specKey: string; dueAt: Date; status?: string }[];
  /** Bucket name → state, when the caller knows it (e.g. from Terraform state); default `declared`. */
  bucketStates?: ReadonlyMap<string, string>;
}

/** The specs the inventory lists, each with its kind's entry (`inventory` in src/kinds/<kind>/definition.ts). */
export function inventoryEntries(specs: readonly IntentSpec[]): { spec: IntentSpec; entry: InventoryEntry }[] {
  return specs.flatMap((spec) => {
    const entry = kindOf(spec).inventory(spec);
    return entry === 'none' ? [] : [{ spec, entry }];
  });
}

/** A tag is free text: normalised when it is a date, shown as written otherwise. */
const isoOr = (text: string): string => (Number.isNaN(Date.parse(text)) ? text : new Date(text).toISOString());

export function buildInventory(input: InventoryInput): Inventory {
  const due = new Map<string, string>();
  for (const d of input.deadlines ?? []) {
    if (d.status === undefined || d.status === 'scheduled') due.set(d.specKey, d.dueAt.toISOString());
  }
  const byTag = new Map<string, ManagedInstance[]>();
  for (const instance of input.instances) {
    const key = instance.tags.InfraSpec ?? '';
    const same = byTag.get(key);
    if (same) same.push(instance);
    else byTag.set(key, [instance]);
  }
  const expiry = (spec: IntentSpec, tag?: string): Pick<InventoryRow, 'expiresAt' | 'expiry'> => {
    const scheduled = due.get(specKey(spec));
    if (scheduled) return { expiresAt: scheduled, expiry: 'scheduled' };
    if (tag) return { expiresAt: isoOr(tag), expiry: 'ExpiresAt tag' };
    if (spec.metadata.expiresAt) return { expiresAt: spec.metadata.expiresAt, expiry: 'spec expiresAt' };
    if (spec.metadata.ttl) return { expiresAt: null, expiry: `ttl ${spec.metadata.ttl}, from the first apply` };
    return { expiresAt: null, expiry: 'none' };
  };
  const ownerOf = (spec: IntentSpec, tag?: string) => spec.metadata.owner ?? tag ?? 'unowned';

  const instances: InventoryRow[] = [];
  const buckets: InventoryRow[] = [];
  const declared = new Set<string>();
  for (const { spec, entry } of inventoryEntries(input.specs)) {
    const key = specKey(spec);
    if (entry.section === 'buckets') {
      buckets.push({
        spec: key,
        file: spec.file,
        resource: entry.bucketName,
        region: entry.region,
        owner: ownerOf(spec),
        state: input.bucketStates?.get(entry.bucketName) ?? 'declared',
        instanceType: null,
        ...expiry(spec),
      });
      continue;
    }
    declared.add(key);
    const base = { spec: key, file: spec.file, region: entry.region, instanceType: entry.instanceType };
    const live = byTag.get(key) ?? [];
    if (live.length === 0) {
      const state = input.regions.includes(entry.region) ? 'not found' : 'not checked';
      instances.push({ ...base, resource: '-', owner: ownerOf(spec), state, ...expiry(spec) });
    }
    for (const i of live) {
      instances.push({
        ...base,
        resource: i.instanceId,
        region: i.region,
        owner: ownerOf(spec, i.tags.Owner),
        state: i.state,
        instanceType: i.instanceType,
        ...expiry(spec, i.tags.ExpiresAt),
      });
    }
  }
  const unmanaged = input.instances
    .filter((i) => !declared.has(i.tags.InfraSpec ?? ''))
    .map((i): InventoryRow => ({
      spec: null,
      file: null,
      resource: i.instanceId,
      region: i.region,
      owner: i.tags.Owner ?? 'unowned',
      state: i.state,
      instanceType: i.instanceType,
      expiresAt: i.tags.ExpiresAt ? isoOr(i.tags.ExpiresAt) : null,
      expiry: i.tags.ExpiresAt ? 'ExpiresAt tag' : 'none',
      infraSpecTag: i.tags.InfraSpec ?? null,
    }));
  const bySpec = (a: InventoryRow, b: InventoryRow) =>
    byCodePoint(a.spec ?? '', b.spec ?? '') || byCodePoint(a.resource, b.resource);
  return {
    generatedAt: input.now.toISOString(),
    regions: [...input.regions].sort(byCodePoint),
    instances: instances.sort(bySpec),
    buckets: buckets.sort(bySpec),
    unmanaged: unmanaged.sort((a, b) => byCodePoint(a.infraSpecTag ?? '', b.infraSpecTag ?? '') || bySpec(a, b)),
  };
}
