// The intent-level diff of a pull request: per spec, what is created, changed, destroyed or expiring; and who gains or
// loses which AWS access. Derived from the specs alone (base vs head); confirm-against-plan.ts checks it against the
// plans.
//
// 1. Index both sides by spec key (a base that no longer parses counts as empty, and the result says so).
// 2. Per key: created / destroyed / field differences; expiry changes; unchanged specs due soon.
// 3. Access: (user, role) grants on each side → statements.
import type { StackLayout } from '../kinds/kind-definition.js';
import type { IntentSpec, Kind, SpecKey } from '../specs/model.js';
import { KINDS } from '../kinds/index.js';
import { specKey } from '../specs/model.js';
import { stackNameFor } from '../synth/stacks.js';
import { identityView } from './access-grants.js';
import { diffAccess, type AccessStatement } from './access-changes.js';
import { expiryOf, headExpiry, sameExpiry, type Expiries, type ExpiryChange } from './expiry.js';
import { EXPIRY_PATHS, diffFields, type FieldChange } from './field-diff.js';
import { permissionChanges, type PermissionChange } from './permission-changes.js';

export type { AccessStatement } from './access-changes.js';
export type { FieldChange } from './field-diff.js';
export type { Expiry, ExpiryChange } from './expiry.js';
export type { PermissionChange } from './permission-changes.js';

export type BaseInput = { specs: readonly IntentSpec[] } | { invalid: true; problems: readonly string[] };

export interface DiffIntentInput {
  /** The base branch's validated specs; `invalid` when they no longer validate; undefined when there is no base. */
  base: BaseInput | undefined;
  head: readonly IntentSpec[];
  now: Date;
  /** Current deadlines by spec key (ttl specs get theirs at first apply), from the store. */
  expiries?: Expiries;
  /** `sso.awsAccountId`: named in access statements. */
  awsAccountId?: string;
  /** An unchanged spec due within this is listed as expiring (default 24 h). */
  soonMs?: number;
  /** `identity.stackLayout`: which stack each spec is in (default shared). */
  layout?: StackLayout;
}

export type SpecChangeType = 'created' | 'changed' | 'destroyed' | 'expiring';

export interface SpecChange {
  type: SpecChangeType;
  key: SpecKey;
  kind: Kind;
  name: string;
  /** Head file, or the base file for a destroyed spec. */
  file: string;
  stack: string;
  before?: IntentSpec;
  after?: IntentSpec;
  /** `changed`: what differs, expiry fields excepted (they are in `expiry`). */
  fields: FieldChange[];
  /** Set when the spec gains, moves or loses an expiry, or is due soon. */
  expiry?: ExpiryChange;
}

export interface IntentChanges {
  /** valid: a real comparison; invalid: the base did not parse, so only the head side is shown; absent: no base. */
  base: 'valid' | 'invalid' | 'absent';
  baseProblems: string[];
  /** Created, changed, destroyed, expiring; by kind and name within each. */
  specs: SpecChange[];
  /** Removed first. */
  access: AccessStatement[];
  /** Permissions widened (first) or narrowed; empty when the base could not be read. */
  permissions: PermissionChange[];
}

export const DEFAULT_SOON_MS = 24 * 3_600_000;
const TYPE_ORDER: readonly SpecChangeType[] = ['created', 'changed', 'destroyed', 'expiring'];

export function diffIntent(input: DiffIntentInput): IntentChanges {
  const { now, expiries } = input;
  const invalid = input.base !== undefined && 'invalid' in input.base;
  const baseSpecs = input.base && !('invalid' in input.base) ? input.base.specs : [];
  const base = new Map(baseSpecs.map((s) => [specKey(s), s]));
  const soonMs = input.soonMs ?? DEFAULT_SOON_MS;
  const layout = input.layout ?? 'shared';

  const specs: SpecChange[] = [];
  for (const after of input.head) {
    const key = specKey(after);
    const before = base.get(key);
    const change = before
      ? compare(before, after, { now, soonMs, expiries, layout })
      : created(after, now, expiries, layout);
    if (change) specs.push(change);
  }
  const head = new Set(input.head.map(specKey));
  for (const [key, before] of base) {
    if (!head.has(key)) specs.push({ ...identify(before, layout), type: 'destroyed', before, fields: [] });
  }
  specs.sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
      KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );

  const access = diffAccess(identityView(baseSpecs, input.awsAccountId), identityView(input.head, input.awsAccountId), {
    now,
    ...(expiries ? { expiries } : {}),
  });
  return {
    base: invalid ? 'invalid' : input.base === undefined ? 'absent' : 'valid',
    baseProblems: input.base && 'invalid' in input.base ? [...input.base.problems] : [],
    specs,
    access,
    permissions: invalid ? [] : permissionChanges(specs),
  };
}

const identify = (spec: IntentSpec, layout: StackLayout) => ({
  key: specKey(spec),
  kind: spec.kind,
  name: spec.metadata.name,
  file: spec.file,
  stack: stackNameFor(spec, layout),
});

function created(after: IntentSpec, now: Date, expiries: Expiries | undefined, layout: StackLayout): SpecChange {
  const expiry = expiryOf(after, now, expiries);
  return {
    ...identify(after, layout),
    type: 'created',
    after,
    fields: [],
    ...(expiry && { expiry: { why: 'new', after: expiry } }),
  };
}

function compare(
  before: IntentSpec,
  after: IntentSpec,
  { now, soonMs, expiries, layout }: { now: Date; soonMs: number; expiries: Expiries | undefined; layout: StackLayout },
): SpecChange | undefined {
  const fields = diffFields(before, after).filter((f) => !EXPIRY_PATHS.has(f.path));
  const was = expiryOf(before, now, expiries);
  const will = headExpiry(before, after, now, expiries);
  let expiry: ExpiryChange | undefined;
  if (!sameExpiry(was, will)) {
    const why = !was ? 'new' : !will ? 'removed' : 'moved';
    expiry = { why, ...(was && { before: was }), ...(will && { after: will }) };
  } else if (will?.inMs !== undefined && will.inMs <= soonMs) {
    expiry = { why: 'soon', after: will };
  }
  if (fields.length === 0 && !expiry) return undefined;
  const type = fields.length > 0 ? 'changed' : 'expiring';
  return { ...identify(after, layout), type, before, after, fields, ...(expiry && { expiry }) };
}
