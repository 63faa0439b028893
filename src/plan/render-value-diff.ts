// Long values are shortened for display without ever hiding a difference: the common prefix and suffix of the two
// sides are elided with a visible count, so what differs is always on screen (`…(1,204 chars same)…`).
import { formatNumber, truncateText } from './render-escape.js';

/** Characters of unchanged text kept either side of the difference, for orientation. */
const CONTEXT_CHARS = 40;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Length of the common prefix, never ending between the halves of a surrogate pair. */
function commonPrefix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  if (n > 0 && isHigh(a.charCodeAt(n - 1))) n--;
  return n;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  // The suffix must not start on a low surrogate whose high half is outside it.
  if (n > 0 && n < a.length && isHigh(a.charCodeAt(a.length - n - 1))) n--;
  return n;
}

const same = (n: number) => `…(${formatNumber(n)} chars same)…`;

/** Both sides shortened to at most about `max` characters each, the differing window always shown. */
export function windowPair(before: string, after: string, max: number): [string, string] {
  if (before.length <= max && after.length <= max) return [before, after];
  const prefix = commonPrefix(before, after, Math.min(before.length, after.length));
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  let lead = Math.max(0, prefix - CONTEXT_CHARS);
  if (lead > 0 && isHigh(before.charCodeAt(lead - 1))) lead--;
  let trail = Math.max(0, suffix - CONTEXT_CHARS);
  if (trail > 0 && isHigh(before.charCodeAt(before.length - trail - 1))) trail--;
  const show = (text: string) => {
    const middleEnd = text.length - suffix;
    const head = (lead > 0 ? same(lead) : '') + text.slice(lead, prefix);
    const middle = truncateText(text.slice(prefix, middleEnd), max);
    const tail = text.slice(middleEnd, text.length - trail) + (trail > 0 ? same(trail) : '');
    return head + middle + tail;
  };
  return [show(before), show(after)];
}
