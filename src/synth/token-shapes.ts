// What CDKTF may read as a token inside plain data (cdktf/lib/tokens/private/encoding.js, pinned cdktf 0.21.0): the
// cheap, conservative tests that decide which values are handed to CDKTF's resolver.

/**
 * Conservative: any token marker, any `e` that could start the exponent of a run of CDKTF's number pattern
 * (`[-|\d|.+]+(e[-|\d|.|e|E|+]+)`, cdktf/lib/tokens/private/encoding.js), or one of its sentinel strings. Written as
 * `includes` and an `indexOf` walk: it runs on every key and string of every stack, and a regex with alternatives
 * cannot skip ahead the way a plain substring search does.
 */
export function mayHoldToken(text: string): boolean {
  if (text.includes('TfToken[')) return true;
  for (let at = text.indexOf('e', 1); at !== -1 && at < text.length - 1; at = text.indexOf('e', at + 1)) {
    if (isNumberChar(text.charCodeAt(at - 1), false) && isNumberChar(text.charCodeAt(at + 1), true)) return true;
  }
  return text === 'String Map Token Value' || text === 'Any Map Token Value';
}

/** `[-|\d.+]`, and with `exponent` also `e` and `E`. */
function isNumberChar(code: number, exponent: boolean): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x7c || // |
    code === 0x2e || // .
    code === 0x2b || // +
    (exponent && (code === 0x65 || code === 0x45)) // e E
  );
}

/** CDKTF's token doubles have 0xfdff or 0xfbff in their top 16 bits; its map sentinel is -123456789. */
export function isTokenNumber(value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value === -123456789) return true;
  NUMBER_VIEW.setFloat64(0, value);
  const top = NUMBER_VIEW.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}
const NUMBER_VIEW = new DataView(new ArrayBuffer(8));
