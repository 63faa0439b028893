// A hand-written twin of terraform-json's zod schema, for speed: zod copying a 5,000-resource plan costs more
// than everything else in parsing. It accepts only what the schema accepts and builds the same stripped copy
// (known properties only, in schema order); on any doubt it returns `undefined` and the caller runs zod, which
// alone words the error messages. So it can never let through what zod refuses, nor change what is returned.
import type { PlanActions, TerraformPlan } from './terraform-json.js';

type Shape = Record<string, unknown>;

const isRecord = (v: unknown): v is Shape => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Copies `source[key]` into `target` when present (zod drops absent optional keys, keeps present ones). */
function keep(target: Shape, source: Shape, key: string): void {
  if (key in source) target[key] = source[key];
}

function actionsOk(actions: unknown, known: readonly (readonly string[])[]): actions is PlanActions {
  if (!Array.isArray(actions)) return false;
  return known.some((list) => list.length === actions.length && list.every((a, i) => a === actions[i]));
}

function replacePathsOk(paths: unknown): boolean {
  if (paths === undefined) return true;
  if (!Array.isArray(paths)) return false;
  for (const path of paths) {
    if (!Array.isArray(path)) return false;
    for (const step of path) if (typeof step !== 'string' && typeof step !== 'number') return false;
  }
  return true;
}

const VALUE_KEYS = ['before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive'] as const;

function change(raw: unknown, known: readonly (readonly string[])[], full: boolean): Shape | undefined {
  if (!isRecord(raw) || !actionsOk(raw.actions, known)) return undefined;
  const out: Shape = { actions: raw.actions };
  for (const key of VALUE_KEYS) keep(out, raw, key);
  if (!full) return out;
  if (!replacePathsOk(raw.replace_paths)) return undefined;
  if (raw.replace_paths !== undefined) out.replace_paths = raw.replace_paths;
  const importing = raw.importing;
  if (importing !== undefined) {
    if (!isRecord(importing) || !optionalString(importing.id)) return undefined;
    out.importing = importing.id === undefined ? {} : { id: importing.id };
  }
  return out;
}

const OPTIONAL_TEXT = ['previous_address', 'module_address'] as const;

function resourceChange(raw: unknown, known: readonly (readonly string[])[]): Shape | undefined {
  if (!isRecord(raw) || !nonEmptyString(raw.address)) return undefined;
  if (!OPTIONAL_TEXT.every((key) => optionalString(raw[key]))) return undefined;
  if (raw.mode !== 'managed' && raw.mode !== 'data') return undefined;
  if (!nonEmptyString(raw.type) || !nonEmptyString(raw.name)) return undefined;
  const index = raw.index;
  if (index !== undefined && typeof index !== 'string' && typeof index !== 'number') return undefined;
  if (!optionalString(raw.deposed) || !optionalString(raw.provider_name)) return undefined;
  if (!optionalString(raw.action_reason)) return undefined;
  const changed = change(raw.change, known, true);
  if (!changed) return undefined;
  const out: Shape = { address: raw.address };
  for (const key of OPTIONAL_TEXT) keep(out, raw, key);
  out.mode = raw.mode;
  out.type = raw.type;
  out.name = raw.name;
  for (const key of ['index', 'deposed', 'provider_name'] as const) keep(out, raw, key);
  out.change = changed;
  keep(out, raw, 'action_reason');
  return out;
}

function resourceList(raw: unknown, known: readonly (readonly string[])[]): Shape[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Shape[] = new Array<Shape>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const checked = resourceChange(raw[i], known);
    if (!checked) return undefined;
    out[i] = checked;
  }
  return out;
}

function outputChanges(raw: unknown, known: readonly (readonly string[])[]): Shape | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Shape = {};
  for (const name of Object.keys(raw)) {
    // An own `__proto__` key would set the copy's prototype: leave such oddities to zod.
    if (name === '__proto__') return undefined;
    const checked = change(raw[name], known, false);
    if (!checked) return undefined;
    out[name] = checked;
  }
  return out;
}

const OPTIONAL_FLAGS = ['errored', 'applyable', 'complete'] as const;

/** The plan as zod would return it, or `undefined` when anything is off (then zod decides, and words why). */
export function fastPlanShape(
  raw: unknown,
  supportedFormat: RegExp,
  knownActions: readonly (readonly string[])[],
): TerraformPlan | undefined {
  if (!isRecord(raw) || typeof raw.format_version !== 'string' || !supportedFormat.test(raw.format_version)) {
    return undefined;
  }
  if (!optionalString(raw.terraform_version)) return undefined;
  if (!OPTIONAL_FLAGS.every((key) => raw[key] === undefined || typeof raw[key] === 'boolean')) return undefined;
  const out: Shape = { format_version: raw.format_version };
  keep(out, raw, 'terraform_version');
  for (const key of ['resource_changes', 'resource_drift'] as const) {
    if (raw[key] === undefined) continue;
    const list = resourceList(raw[key], knownActions);
    if (!list) return undefined;
    out[key] = list;
  }
  if (raw.output_changes !== undefined) {
    const outputs = outputChanges(raw.output_changes, knownActions);
    if (!outputs) return undefined;
    out.output_changes = outputs;
  }
  for (const key of OPTIONAL_FLAGS) keep(out, raw, key);
  return out as unknown as TerraformPlan;
}
