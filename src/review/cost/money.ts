// Money as reviewers read it: dollars and cents, an explicit sign on differences, unit prices unrounded.

export type Amount = { known: true; usd: number } | { known: false; reason: string };

export const known = (usd: number): Amount => ({ known: true, usd });
export const unknown = (reason: string): Amount => ({ known: false, reason });

// Built once: `toLocaleString` with options builds a formatter per call (~25 µs each).
const DOLLARS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const RATE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** Cents round away floating-point noise; sums stay exact enough for a review. */
const cents = (usd: number) => Math.round(usd * 100) / 100;

export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return '< $0.01';
  return `$${DOLLARS.format(cents(usd))}`;
}

/** `+$8.23`, `−$8.23` (a real minus sign), `$0.00`. */
export function formatDelta(usd: number): string {
  if (cents(usd) === 0) return usd === 0 ? '$0.00' : usd > 0 ? '+< $0.01' : '−< $0.01';
  return `${usd > 0 ? '+' : '−'}${formatUsd(Math.abs(usd))}`;
}

/** A unit price as the table holds it: `$0.0104`. */
export const formatRate = (usd: number): string => `$${RATE.format(usd)}`;
