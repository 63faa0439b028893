const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** Durations as users write them: `3m`, `2h`, `30d`, `1w`, or combined largest-first (`1d12h`). */
export const DURATION_PATTERN = /^(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?$/;

/** Milliseconds, or undefined when the text is not a duration (or is zero). */
export function parseDuration(text: string): number | undefined {
  if (text === '' || !DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([wdhm])/g)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest exact rendering (`90m` → `1h30m`). */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 60_000) * 60_000;
  let text = '';
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const amount = Math.floor(rest / size);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * size;
  }
  return text || '0m';
}
