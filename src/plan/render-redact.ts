// Known secret strings (tokens, passwords the app itself holds) must never reach a comment, check or log, even
// when Terraform did not mark them sensitive. Short strings are ignored: redacting "a" would wreck every text.

export const SENSITIVE = '(sensitive)';
export const MIN_SECRET_LENGTH = 4;

export interface SecretScrubber {
  /** True when `text` contains one of the secrets. */
  contains(text: string): boolean;
  /** True when `JSON.stringify(text)` contains one of the secrets (an escape sequence can complete one). */
  containsInJson(text: string): boolean;
  /** `contains(text) || containsInJson(text)`, scanning `text` as few times as that allows. */
  containsAsTextOrJson(text: string): boolean;
  /** `text` with every occurrence of every secret replaced by `(sensitive)`. */
  scrub(text: string): string;
}

export function secretScrubber(secrets: readonly string[] = []): SecretScrubber {
  // Longest first, so that a secret containing another one is replaced whole.
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) {
    return {
      contains: () => false,
      containsInJson: () => false,
      containsAsTextOrJson: () => false,
      scrub: (text) => text,
    };
  }
  const pattern = new RegExp(list.map(escapeRegExp).join('|'), 'g');
  const [only] = list;
  // One secret (the common case) needs no loop: this runs for every value shown.
  const contains =
    list.length === 1 ? (text: string) => text.includes(only!) : (text: string) => list.some((s) => text.includes(s));
  // Text JSON leaves unescaped is the same text in quotes: only a secret holding a quote could then match more.
  // Escaping `"` and `\` only adds those two characters: a secret holding neither cannot match across them.
  // Other escapes (`\n`, `\u0001`) end in letters and digits a secret can hold: such text is stringified.
  const noQuote = !list.some((secret) => secret.includes('"'));
  const plain = noQuote && !list.some((secret) => secret.includes('\\'));
  const sameMatches = (text: string) => (plain ? !LETTER_ESCAPED.test(text) : noQuote && !JSON_ESCAPED.test(text));
  return {
    contains,
    containsInJson: (text) => (sameMatches(text) ? contains(text) : contains(JSON.stringify(text))),
    // Where the JSON text would match the same, the second scan could only repeat the first.
    containsAsTextOrJson: (text) => contains(text) || (!sameMatches(text) && contains(JSON.stringify(text))),
    scrub: (text) => {
      // Most text holds no secret: one scan says so, where replacing would scan twice.
      if (!contains(text)) return text;
      const out = text.replace(pattern, SENSITIVE);
      if (!contains(out)) return out;
      // A secret overlapping the placeholder itself: delete occurrences until none is left (length shrinks).
      let stripped = text;
      while (contains(stripped)) stripped = stripped.replace(pattern, '');
      return stripped;
    },
  };
}

/** What JSON.stringify escapes in a string: quote, backslash, control characters and (lone) surrogates; a
 * well-formed pair also matches, which only sends that text the slow, exact way. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- the same, less quote and backslash
const LETTER_ESCAPED = /[\u0000-\u001f\ud800-\udfff]/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
