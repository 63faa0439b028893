// Field-level differences between two versions of one spec, as reviewers read them: dotted paths into the document
// (`spec.instanceType`, `metadata.labels.team`), lists of plain values as entries added and removed.
import { kindOf } from '../kinds/index.js';
import type { IntentSpec } from '../specs/model.js';

export interface FieldChange {
  /** Dotted path in the spec document, e.g. `spec.instanceType`, `spec.inlinePolicy.Statement.0.Action`. */
  path: string;
  /** JSON text of each side that has a value. */
  before?: string;
  after?: string;
  /** Lists of plain values (groups, policy ARNs, CIDRs): entries added and removed (strings unquoted). */
  added?: string[];
  removed?: string[];
  /** The values are not shown: user data of an instance whose spec does not set showUserDataInPlans. */
  hidden?: true;
}

/** Fields that only say when a spec expires: reported as an expiry change, not as a field. */
export const EXPIRY_PATHS: ReadonlySet<string> = new Set(['metadata.ttl', 'metadata.expiresAt']);
/** Derived from metadata.ttl, or fixed by the spec's identity. */
const IGNORED_PATHS: ReadonlySet<string> = new Set(['metadata.ttlMs', 'metadata.name']);

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPlain = (v: Json) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const text = (v: Json) => JSON.stringify(v);

export function diffFields(before: IntentSpec, after: IntentSpec): FieldChange[] {
  const out: FieldChange[] = [];
  walk('metadata', before.metadata, after.metadata, out);
  walk('spec', before.spec, after.spec, out);
  if (!userDataShown(before) || !userDataShown(after)) {
    return out.map((f) => (f.path === USER_DATA_PATH ? { path: f.path, hidden: true } : f));
  }
  return out;
}

const USER_DATA_PATH = 'spec.userData';
/** User data may hold secrets: shown only when both sides of the change say it does not (each kind's `userData`). */
const userDataShown = (spec: IntentSpec) => kindOf(spec).userData(spec) !== 'hidden';

function walk(path: string, a: Json, b: Json, out: FieldChange[]): void {
  if (IGNORED_PATHS.has(path) || a === b) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodePoint);
    for (const key of keys) walk(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.every(isPlain) && b.every(isPlain)) {
      const entry = (v: Json) => (typeof v === 'string' ? v : text(v));
      const before = new Set(a.map(entry));
      const after = new Set(b.map(entry));
      const added = [...after].filter((v) => !before.has(v));
      const removed = [...before].filter((v) => !after.has(v));
      // Same entries in another order: nothing a reviewer needs to see.
      if (added.length > 0 || removed.length > 0) out.push({ path, added, removed });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}.${i}`, a[i], b[i], out);
    return;
  }
  if (text(a) === text(b)) return;
  out.push({ path, ...(a === undefined ? {} : { before: text(a) }), ...(b === undefined ? {} : { after: text(b) }) });
}
