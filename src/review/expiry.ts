// When a spec expires, as far as it is known: `expiresAt` is absolute; a ttl counts from the first apply, so its
// deadline is known only once applied (the store's deadline, passed in as `expiries`).
import type { IntentSpec, SpecKey } from '../specs/model.js';
import { specKey } from '../specs/model.js';

export interface Expiry {
  /** The deadline, when known (ISO 8601 UTC). */
  at?: string;
  /** Milliseconds from now to `at`; negative when overdue. */
  inMs?: number;
  /** The ttl text (`3d`), when the spec uses one. */
  ttl?: string;
  ttlMs?: number;
}

export interface ExpiryChange {
  /** new: gains an expiry; moved: a different one; removed: no longer expires; soon: unchanged, due within the window. */
  why: 'new' | 'moved' | 'removed' | 'soon';
  before?: Expiry;
  after?: Expiry;
}

export type Expiries = ReadonlyMap<SpecKey | string, string>;

/** `deadline` overrides the store's: a head-side ttl change moves an applied spec's deadline by the difference. */
export function expiryOf(spec: IntentSpec, now: Date, expiries?: Expiries, deadline?: string): Expiry | undefined {
  const { ttl, ttlMs, expiresAt } = spec.metadata;
  const at = expiresAt ?? deadline ?? (ttl === undefined ? undefined : expiries?.get(specKey(spec)));
  if (at === undefined && ttl === undefined) return undefined;
  const expiry: Expiry = {};
  if (at !== undefined) {
    expiry.at = new Date(at).toISOString();
    expiry.inMs = Date.parse(at) - now.getTime();
  }
  if (ttl !== undefined) {
    expiry.ttl = ttl;
    if (ttlMs !== undefined) expiry.ttlMs = ttlMs;
  }
  return expiry;
}

/**
 * The head-side expiry of a spec that exists on both sides. An applied ttl spec whose ttl changes keeps its first
 * apply, so its deadline moves by the difference between the two ttls.
 */
export function headExpiry(before: IntentSpec, after: IntentSpec, now: Date, expiries?: Expiries): Expiry | undefined {
  const known = expiries?.get(specKey(before));
  const { ttlMs: oldTtl } = before.metadata;
  const { ttlMs: newTtl, expiresAt } = after.metadata;
  if (known !== undefined && expiresAt === undefined && oldTtl !== undefined && newTtl !== undefined) {
    return expiryOf(after, now, undefined, new Date(Date.parse(known) - oldTtl + newTtl).toISOString());
  }
  // A deadline recorded for an expiresAt spec that switches to a ttl says nothing about its first apply.
  return expiryOf(after, now, before.metadata.ttl === undefined ? undefined : expiries);
}

export const sameExpiry = (a: Expiry | undefined, b: Expiry | undefined): boolean =>
  a?.at === b?.at && a?.ttl === b?.ttl;
