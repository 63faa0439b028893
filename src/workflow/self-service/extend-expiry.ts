// `/infra extend` (pure): the spec's new absolute expiry. The extension counts from the current deadline (the
// scheduled one once applied; for a ttl not applied yet, now + ttl; else the spec's expiresAt), never from a past
// time, and the result must stay within `policy.maxTtl` from now.
import { formatDuration } from '../../specs/duration.js';

export interface ExtendInput {
  ttl?: string;
  ttlMs?: number;
  expiresAt?: string;
  /** The scheduled deadline from the store, when the spec was applied. */
  scheduledDueAt?: Date;
  now: Date;
  durationMs: number;
  maxTtlMs: number;
  maxTtl: string;
}

export type ExtendResult =
  { ok: true; current: Date; basis: string; expiresAt: string } | { ok: false; problem: string };

export function extendExpiry(input: ExtendInput): ExtendResult {
  const { now } = input;
  let current: Date;
  let basis: string;
  if (input.scheduledDueAt) {
    current = input.scheduledDueAt;
    basis = 'the scheduled deadline';
  } else if (input.expiresAt !== undefined) {
    current = new Date(input.expiresAt);
    basis = 'metadata.expiresAt';
  } else if (input.ttlMs !== undefined) {
    current = new Date(now.getTime() + input.ttlMs);
    basis = `metadata.ttl ${input.ttl ?? formatDuration(input.ttlMs)} counted from now (not applied yet)`;
  } else {
    return { ok: false, problem: 'it has no ttl or expiresAt: it does not expire, so there is nothing to extend' };
  }
  const from = Math.max(current.getTime(), now.getTime());
  // Whole seconds, rounded up: the spec stays readable and never expires earlier than asked.
  const next = Math.ceil((from + input.durationMs) / 1000) * 1000;
  if (next - now.getTime() > input.maxTtlMs) {
    return {
      ok: false,
      problem: `the new expiry ${iso(new Date(next))} would be ${formatDuration(next - now.getTime())} from now, beyond policy.maxTtl ${input.maxTtl}`,
    };
  }
  return { ok: true, current, basis, expiresAt: iso(new Date(next)) };
}

const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');
