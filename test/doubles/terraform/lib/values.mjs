// Attribute resolution shared by plan and apply: references, unknowns, sensitivity, computed ids.
import { randomBytes } from 'node:crypto';
import { DataRef, Expr, Ref, dependencies, parseValue } from './config.mjs';
import { fail } from './cli.mjs';

/** Attributes whose change forces a replacement (a small, realistic subset of the providers' ForceNew). */
export const FORCE_NEW = {
  aws_instance: ['ami', 'availability_zone', 'subnet_id', 'key_name'],
  aws_s3_bucket: ['bucket', 'bucket_prefix'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_security_group: ['name', 'vpc_id', 'description'],
  aws_iam_saml_provider: ['name'],
  okta_user: ['login'],
};

const SENSITIVE_NAME = /password|secret|token|private_key/i;

export const computedAttrs = (type) => (type.startsWith('aws_') ? ['id', 'arn'] : ['id']);

export function isSensitive(ctx, type, attr) {
  const listed = (ctx.env.TF_DOUBLE_SENSITIVE ?? '').split(',').map((s) => s.trim());
  return SENSITIVE_NAME.test(attr) || listed.includes(`${type}.${attr}`);
}

/** Terraform's sensitive-value mask: `{ attr: true }` for each sensitive attribute. */
export function sensitiveMask(ctx, type, keys) {
  return Object.fromEntries(keys.filter((k) => isSensitive(ctx, type, k)).map((k) => [k, true]));
}

export const typeOf = (address) => address.slice(0, address.indexOf('.'));
export const nameOf = (address) => address.slice(address.indexOf('.') + 1);

/** Mode, type and name of a managed (`type.name`) or data (`data.type.name`) address. */
export function parseAddress(address) {
  const parts = address.split('.');
  if (parts[0] === 'data') return { mode: 'data', type: parts[1], name: parts.slice(2).join('.') };
  return { mode: 'managed', type: parts[0], name: parts.slice(1).join('.') };
}

/** The attributes of Terraform's builtin terraform_remote_state data source (its schema). */
const REMOTE_STATE_ATTRS = ['backend', 'config', 'defaults', 'outputs', 'workspace'];

/** Where a diagnostic points, as Terraform names a block of a JSON configuration. */
const at = (where) => (where ? `  on cdk.tf.json line 1, in ${where}:\n\n` : '');

/**
 * Follows `${data.terraform_remote_state.<name>.<path>}` into a data source read at plan (or apply). A missing key
 * fails as HCL's attribute access does: "Unsupported attribute".
 */
function resolveDataPath(ref, values, where) {
  const [attr, ...rest] = ref.path;
  if (!REMOTE_STATE_ATTRS.includes(attr)) {
    fail(
      'Unsupported attribute',
      `${at(where)}This object has no argument, nested block, or exported attribute named "${attr}".`,
    );
  }
  let value = values[attr];
  for (const key of rest) {
    if (value === null || value === undefined) {
      fail(
        'Attempt to get attribute from null value',
        `${at(where)}This value is null, so it does not have any attributes.`,
      );
    }
    if (typeof value !== 'object' || Array.isArray(value) || !(key in value)) {
      fail('Unsupported attribute', `${at(where)}This object does not have an attribute named "${key}".`);
    }
    value = value[key];
  }
  return { value };
}

/**
 * What references can see: address → { values, unknown: Set, pending }, and `now`, the time `timestamp()` returns
 * (null while planning, when Terraform leaves it unknown).
 */
export class Scope extends Map {
  constructor(entries = [], { now = null } = {}) {
    super(entries);
    this.now = now;
  }
}

/** `timestamp()`'s format: RFC 3339 in UTC, whole seconds (Go's time.RFC3339). */
export const rfc3339Now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Resolves one parsed value against a Scope (or any Map of the same entries); a reference to an attribute that is
 * not known yet makes the value unknown ("known after apply").
 */
export function resolve(value, known, where) {
  if (value instanceof DataRef) {
    const target = known.get(value.address);
    // A data source read during apply is wholly unknown until then.
    if (!target || target.pending) return { unknown: true };
    return resolveDataPath(value, target.values, where);
  }
  if (value instanceof Ref) {
    const target = known.get(value.address);
    if (!target || target.unknown.has(value.attr)) return { unknown: true };
    if (target.pending && !(value.attr in target.values)) return { unknown: true };
    if (value.attr in target.values) return { value: target.values[value.attr] };
    // Attributes the double does not model derive from the id, stable across plans.
    return { value: `${target.values.id}:${value.attr}` };
  }
  if (value instanceof Expr) {
    const pending = value.references.some((a) => known.get(a)?.pending);
    if (pending || (value.callsTimestamp && !known.now)) return { unknown: true };
    return { value: value.callsTimestamp ? value.withTimestamp(known.now) : value.raw };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => resolve(v, known, where));
    return items.some((i) => i.unknown) ? { unknown: true } : { value: items.map((i) => i.value) };
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, resolve(v, known, where)]);
    if (entries.some(([, r]) => r.unknown)) return { unknown: true };
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])) };
  }
  return { value };
}

/**
 * Resolves a value keeping what is known inside it, as Terraform's JSON plan does for outputs: `unknown` is `false`,
 * `true` (wholly unknown) or a mask mirroring the value (objects list only their unknown keys, arrays mark every
 * element). Unknown object keys are left out of `value`; unknown array elements are `null` there.
 */
export function resolvePartial(value, known, where) {
  const isPlain = value && typeof value === 'object' && ![Ref, Expr, DataRef].some((kind) => value instanceof kind);
  if (Array.isArray(value)) {
    const items = value.map((v) => resolvePartial(v, known, where));
    if (items.every((i) => i.unknown === false)) return { value: items.map((i) => i.value), unknown: false };
    return { value: items.map((i) => (i.unknown === true ? null : i.value)), unknown: items.map((i) => i.unknown) };
  }
  if (isPlain) {
    const entries = Object.entries(value).map(([k, v]) => [k, resolvePartial(v, known, where)]);
    const pick = (keep, field) => Object.fromEntries(entries.filter(([, r]) => keep(r)).map(([k, r]) => [k, r[field]]));
    if (entries.every(([, r]) => r.unknown === false)) return { value: pick(() => true, 'value'), unknown: false };
    return { value: pick((r) => r.unknown !== true, 'value'), unknown: pick((r) => r.unknown !== false, 'unknown') };
  }
  const r = resolve(value, known, where);
  return r.unknown ? { value: undefined, unknown: true } : { value: r.value, unknown: false };
}

/**
 * Terraform's sensitivity mask for a value without sensitive parts (jsonstate.SensitiveAsBool): `{}` for each
 * object, a list of masks for each list, nothing for primitives.
 */
export function sensitiveShape(value) {
  if (Array.isArray(value)) return value.map(sensitiveShape);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, sensitiveShape(v)]);
    return Object.fromEntries(entries.filter(([, v]) => v !== false));
  }
  return false;
}

/** The cty type Terraform records next to an output value (`type` in state and plan JSON). */
export function ctyType(value) {
  if (value === null || value === undefined) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(ctyType)];
  return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ctyType(v)]))];
}

/** Resolves a resource's attributes: known values plus the names of unknown ones. */
export function resolveAttrs(attrs, known, where) {
  const values = {};
  const unknown = [];
  for (const [k, v] of Object.entries(attrs)) {
    const r = resolve(v, known, where);
    if (r.unknown) unknown.push(k);
    else values[k] = r.value;
  }
  return { values, unknown };
}

/** Where a node of the configuration is, as diagnostics name it (`resource.type.name`, `data.type.name`). */
export const blockOf = (node) => (node.mode === 'data' ? node.address : `resource.${node.address}`);

/**
 * Config resources and remote state data sources in dependency order (references and a data source's
 * `depends_on`); undeclared references and cycles fail like Terraform.
 */
export function dependencyOrder(resources) {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const order = [];
  const state = new Map();
  const visit = (r, path) => {
    if (state.get(r.address) === 'done') return;
    if (state.get(r.address) === 'visiting') fail('Cycle', [...path, r.address].join(', '));
    state.set(r.address, 'visiting');
    for (const dep of [...dependencies(r.attrs), ...(r.dependsOn ?? [])]) {
      const target = byAddress.get(dep);
      if (!target) failUndeclared(dep, blockOf(r));
      visit(target, [...path, r.address]);
    }
    state.set(r.address, 'done');
    order.push(r);
  };
  resources.forEach((r) => visit(r, []));
  return order;
}

/** Terraform's error for a reference to a resource or data source the configuration does not declare. */
export function failUndeclared(address, where) {
  const { mode, type, name } = parseAddress(address);
  const kind = mode === 'data' ? 'data resource' : 'managed resource';
  fail(
    'Reference to undeclared resource',
    `A ${kind} "${type}" "${name}" has not been declared in the root module.\n\n  on cdk.tf.json, in ${where}`,
  );
}

/** References from outputs must name declared resources and data sources too. */
export function requireDeclared(value, declared, where) {
  for (const dep of dependencies(value)) if (!declared.has(dep)) failUndeclared(dep, where);
}

export const canonical = (v) =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.keys(val)
            .sort()
            .map((k) => [k, val[k]]),
        )
      : val,
  );

export const sameValue = (a, b) => canonical(a ?? null) === canonical(b ?? null);

/** Ids and ARNs the "provider" assigns at creation. */
export function assignComputed(type, values) {
  const hex = (n) => randomBytes(n).toString('hex');
  const ids = {
    aws_s3_bucket: () => values.bucket ?? `terraform-${hex(8)}`,
    aws_instance: () => `i-${hex(9).slice(0, 17)}`,
    aws_iam_role: () => values.name ?? `terraform-${hex(8)}`,
    aws_security_group: () => `sg-${hex(9).slice(0, 17)}`,
    okta_user: () => `00u${hex(7)}`,
    okta_group: () => `00g${hex(7)}`,
    // As the Okta provider sets them (d.SetId): one memberships resource per user, one assignments resource per app.
    okta_user_group_memberships: () => values.user_id ?? hex(8),
    okta_app_group_assignments: () => values.app_id ?? hex(8),
  };
  const id = (ids[type] ?? (() => hex(8)))();
  const out = { ...values, id };
  if (type.startsWith('aws_')) {
    const kind = type.slice(4);
    if (type === 'aws_s3_bucket') out.arn = `arn:aws:s3:::${id}`;
    else if (type.startsWith('aws_iam_')) out.arn = `arn:aws:iam::123456789012:${kind.replace('iam_', '')}/${id}`;
    else out.arn = `arn:aws:${kind.split('_')[0]}:us-east-1:123456789012:${kind}/${id}`;
  }
  return out;
}

export { parseValue };
