// Attribute resolution shared by plan and apply: references, unknowns, sensitivity, computed ids.
import { randomBytes } from 'node:crypto';
import { Expr, Ref, dependencies, parseValue } from './config.mjs';
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

/**
 * Resolves one parsed value. `known` maps address → { values, unknown: Set, pending }; a reference to an
 * attribute that is not known yet makes the value unknown ("known after apply").
 */
export function resolve(value, known) {
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
    return pending ? { unknown: true } : { value: value.raw };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => resolve(v, known));
    return items.some((i) => i.unknown) ? { unknown: true } : { value: items.map((i) => i.value) };
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, resolve(v, known)]);
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
export function resolvePartial(value, known) {
  const isPlain = value && typeof value === 'object' && !(value instanceof Ref) && !(value instanceof Expr);
  if (Array.isArray(value)) {
    const items = value.map((v) => resolvePartial(v, known));
    if (items.every((i) => i.unknown === false)) return { value: items.map((i) => i.value), unknown: false };
    return { value: items.map((i) => (i.unknown === true ? null : i.value)), unknown: items.map((i) => i.unknown) };
  }
  if (isPlain) {
    const entries = Object.entries(value).map(([k, v]) => [k, resolvePartial(v, known)]);
    const pick = (keep, field) => Object.fromEntries(entries.filter(([, r]) => keep(r)).map(([k, r]) => [k, r[field]]));
    if (entries.every(([, r]) => r.unknown === false)) return { value: pick(() => true, 'value'), unknown: false };
    return { value: pick((r) => r.unknown !== true, 'value'), unknown: pick((r) => r.unknown !== false, 'unknown') };
  }
  const r = resolve(value, known);
  return r.unknown ? { value: undefined, unknown: true } : { value: r.value, unknown: false };
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
export function resolveAttrs(attrs, known) {
  const values = {};
  const unknown = [];
  for (const [k, v] of Object.entries(attrs)) {
    const r = resolve(v, known);
    if (r.unknown) unknown.push(k);
    else values[k] = r.value;
  }
  return { values, unknown };
}

/** Config resources in dependency order; undeclared references and cycles fail like Terraform. */
export function dependencyOrder(resources) {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const order = [];
  const state = new Map();
  const visit = (r, path) => {
    if (state.get(r.address) === 'done') return;
    if (state.get(r.address) === 'visiting') fail('Cycle', [...path, r.address].join(', '));
    state.set(r.address, 'visiting');
    for (const dep of dependencies(r.attrs)) {
      const target = byAddress.get(dep);
      if (!target) {
        fail(
          'Reference to undeclared resource',
          `A managed resource "${typeOf(dep)}" "${nameOf(dep)}" has not been declared in the root module.\n\n  on cdk.tf.json, in resource.${r.address}`,
        );
      }
      visit(target, [...path, r.address]);
    }
    state.set(r.address, 'done');
    order.push(r);
  };
  resources.forEach((r) => visit(r, []));
  return order;
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
