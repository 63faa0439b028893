// Every string a user writes must reach Terraform as a literal (SPECS.md §1). Terraform reads each JSON string as a
// template, so `${…}` and `%{…}` would be evaluated (`${file("/etc/passwd")}`); `$${` and `%%{` are its escapes.
//
// CDKTF adds its own hazards: while resolving, it replaces `${TfToken[…]}` / `#{TfToken[…]}` / `&{TfToken[…]}` markers
// and numbers that encode tokens (~ -8.1e298) found inside ANY string, and throws on a few sentinel values. A user
// string shaped like those would become a live reference, or crash synthesis. We break such sequences with `${""}`,
// an interpolation of the empty string: Terraform still reads the exact user text, CDKTF no longer sees a marker.
//
// Apply once, to the raw user value (or to the final JSON text built only from user values), where it enters a
// construct; never to text that holds CDKTF references.

/** Inserted to split a sequence without changing the literal Terraform reads. */
const EMPTY_INTERPOLATION = '${""}';

const TOKEN_MARKER = 'TfToken[';
/** CDKTF's own pattern for numbers embedded in strings (cdktf/lib/tokens/private/encoding.js). */
const NUMBER_PATTERN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;
/** Strings CDKTF rejects outright when they appear as a value (cdktf/lib/tokens/token.js). */
const SENTINELS = new Set(['String Map Token Value', 'Any Map Token Value']);

/** Makes `raw` a Terraform literal: Terraform evaluates the result back to exactly `raw`. */
export function escapeTf(raw: string): string {
  let out = raw.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
  if (out.includes(TOKEN_MARKER)) {
    out = out.split(TOKEN_MARKER).join(`TfToken${EMPTY_INTERPOLATION}[`);
  }
  out = breakTokenNumbers(out);
  if (SENTINELS.has(out)) out = `${out.slice(0, 1)}${EMPTY_INTERPOLATION}${out.slice(1)}`;
  return out;
}

/** Escapes keys and values (tag and label maps: Terraform reads JSON object keys as templates too). */
export function escapeTfRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [escapeTf(key), escapeTf(value)]));
}

/**
 * Splits every number CDKTF would decode as a token before its exponent. The scan restarts after each split, as
 * CDKTF scans the final string; each split leaves a strictly shorter candidate, so this ends.
 */
function breakTokenNumbers(text: string): string {
  if (!/[-|\d.+]e/.test(text)) return text; // no run of the pattern can end in an exponent
  let out = text;
  for (;;) {
    const hit = [...out.matchAll(NUMBER_PATTERN)].find((m) => isEncodedTokenNumber(Number.parseFloat(m[0])));
    if (!hit) return out;
    const at = (hit.index ?? 0) + hit[0].indexOf('e');
    out = `${out.slice(0, at)}${EMPTY_INTERPOLATION}${out.slice(at)}`;
  }
}

/** CDKTF encodes token ids in NaN-adjacent doubles whose top 16 bits are 0xfdff (scalar) or 0xfbff (list). */
function isEncodedTokenNumber(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}
