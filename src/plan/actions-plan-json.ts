// The plan JSON that travels through a GitHub Actions artifact, and the digest that binds an apply to it.
//
// Artifacts can be downloaded by anyone who can read the repository, while `terraform show -json` prints sensitive
// values in clear. So the workflow keeps only what the app reads (Terraform's documented change lists) and replaces
// every value Terraform marked sensitive with a keyed fingerprint: equal values stay equal within one plan (the
// comment can still say a secret changed), but the key is thrown away, so the fingerprint reveals nothing.
//
// The digest covers what an apply would do (each non-no-op change's address, actions and planned values, sensitive
// values masked alike), so a re-plan in the apply run can prove it matches the plan people approved.
import { createHash, createHmac } from 'node:crypto';

/** Top-level properties the app reads (see terraform-json.ts); everything else (prior state, config) stays behind. */
const KEPT = [
  'format_version',
  'terraform_version',
  'resource_changes',
  'output_changes',
  'errored',
  'applyable',
  'complete',
];
const CONSTANT_MASK = '(sensitive)';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mask = (value: Json) => Json;

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Replaces each value under a `true` marker (Terraform's `*_sensitive` mirrors) with `mask(value)`. */
function maskMarked(value: Json | undefined, marker: unknown, mask: Mask): Json | undefined {
  if (value === undefined) return undefined;
  if (marker === true) return mask(value);
  if (Array.isArray(value))
    return value.map((item, i) => maskMarked(item, Array.isArray(marker) ? marker[i] : undefined, mask) ?? null);
  if (isObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      const masked = maskMarked(item, isObject(marker) ? marker[key] : undefined, mask);
      if (masked !== undefined) out[key] = masked;
    }
    return out;
  }
  return value;
}

function maskChange(change: unknown, mask: Mask): unknown {
  if (!isObject(change)) return change;
  const out: { [key: string]: Json } = { ...change };
  for (const side of ['before', 'after'] as const) {
    if (side in change) out[side] = maskMarked(change[side], change[`${side}_sensitive`], mask) ?? null;
  }
  return out;
}

function maskChanges(plan: { [key: string]: Json }, mask: Mask): { [key: string]: Json } {
  const out = { ...plan };
  if (Array.isArray(plan.resource_changes)) {
    out.resource_changes = plan.resource_changes.map((rc) =>
      isObject(rc) ? ({ ...rc, change: maskChange(rc.change, mask) } as Json) : rc,
    );
  }
  if (isObject(plan.output_changes)) {
    out.output_changes = Object.fromEntries(
      Object.entries(plan.output_changes).map(([name, change]) => [name, maskChange(change, mask) as Json]),
    );
  }
  return out;
}

/** JSON with object keys sorted, so that equal documents hash equally whatever order a writer used. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The shareable form of `terraform show -json` output: the documented change lists only, sensitive values replaced by
 * `(sensitive #<fingerprint>)` under a random per-plan key. Throws when the text is not a JSON object.
 */
export function sanitizePlanJson(text: string, key: Buffer): { [key: string]: Json } {
  const raw = JSON.parse(text) as unknown;
  if (!isObject(raw)) throw new TypeError('the plan JSON is not an object');
  const kept = Object.fromEntries(KEPT.filter((name) => name in raw).map((name) => [name, raw[name]!]));
  const fingerprint: Mask = (value) =>
    `(sensitive #${createHmac('sha256', key).update(canonicalJson(value)).digest('hex').slice(0, 12)})`;
  return maskChanges(kept, fingerprint);
}

const changeOf = (entry: unknown): { [key: string]: Json } =>
  isObject(entry) && isObject(entry.change) ? entry.change : {};
const isNoOp = (change: { [key: string]: Json }) =>
  Array.isArray(change.actions) && change.actions.length === 1 && change.actions[0] === 'no-op';

/**
 * `v1:<sha256>` over every change that does something: address (and previous address / deposed key), actions, planned
 * values with sensitive ones masked, unknown and sensitive markers. Equal for a sanitized plan and its original.
 */
export function planDigest(plan: unknown): string {
  const masked = maskChanges(isObject(plan) ? plan : {}, () => CONSTANT_MASK);
  const resources = (Array.isArray(masked.resource_changes) ? masked.resource_changes : [])
    .filter((rc) => !isNoOp(changeOf(rc)))
    .map((rc) => {
      const entry = isObject(rc) ? rc : {};
      const change = changeOf(rc);
      return {
        address: entry.address ?? null,
        previous_address: entry.previous_address ?? null,
        deposed: entry.deposed ?? null,
        actions: change.actions ?? null,
        after: change.after ?? null,
        after_unknown: change.after_unknown ?? null,
        after_sensitive: change.after_sensitive ?? null,
      };
    });
  const outputs = Object.entries(isObject(masked.output_changes) ? masked.output_changes : {})
    .filter(([, change]) => isObject(change) && !isNoOp(change))
    .map(([name, change]) => {
      const c = isObject(change) ? change : {};
      return { name, actions: c.actions ?? null, after: c.after ?? null, after_unknown: c.after_unknown ?? null };
    });
  const hash = createHash('sha256').update(canonicalJson({ resources, outputs })).digest('hex');
  return `v1:${hash}`;
}
