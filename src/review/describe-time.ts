// Times and expiries in words: "in 3d", "2026-11-24 18:00 UTC", "3d after its first apply".
import type { Expiry, ExpiryChange } from './expiry.js';
import { plain, type Line } from './rich-text.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The one unit a person would use: 3d, 36h, 45m. */
export function roughDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 2 * DAY) return `${Math.round(abs / DAY)}d`;
  if (abs >= 2 * HOUR) return `${Math.round(abs / HOUR)}h`;
  return `${Math.max(1, Math.round(abs / MINUTE))}m`;
}

/** `2026-11-24 18:00 UTC`. */
export const formatWhen = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function sessionText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** `2026-11-24 18:00 UTC (in 3d)`, `3d after its first apply`, `2026-11-20 10:00 UTC (overdue by 2h)`. */
export function whenText(expiry: Expiry): string {
  if (expiry.at !== undefined && expiry.inMs !== undefined) {
    const when = expiry.inMs >= 0 ? `in ${roughDuration(expiry.inMs)}` : `overdue by ${roughDuration(expiry.inMs)}`;
    return `${formatWhen(expiry.at)} (${when})`;
  }
  return `${expiry.ttl ?? '?'} after its first apply`;
}

/** `at 2026-11-24 18:00 UTC (in 3d)` or `3d after its first apply`: follows "expires". */
export const expiryText = (expiry: Expiry): string =>
  expiry.at !== undefined ? `at ${whenText(expiry)}` : whenText(expiry);

export function expiryChangeLine(change: ExpiryChange): Line {
  const { before, after } = change;
  const when = (e: Expiry | undefined) => (e ? whenText(e) : '?');
  switch (change.why) {
    case 'new':
      return [plain(`now expires ${after ? expiryText(after) : '?'}`)];
    case 'moved':
      return [plain(`expiry moves from ${when(before)} to ${when(after)}`)];
    case 'removed':
      return [plain(`no longer expires: it was due ${when(before)}, and now stays until removed`)];
    case 'soon':
      return after?.inMs !== undefined && after.inMs < 0
        ? [plain(`expired ${roughDuration(after.inMs)} ago; its destroy is due`)]
        : [plain(`expires ${after ? expiryText(after) : '?'}; it will be destroyed then`)];
  }
}
