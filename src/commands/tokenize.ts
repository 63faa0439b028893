// Splits a command line into words and key=value pairs. Double quotes group text (`title="Staff Engineer"`), with
// `\"` and `\\` as the only escapes inside them. Nothing here is ever handed to a shell; this only finds tokens.

export interface Token {
  /** As typed, for quoting back in replies. */
  raw: string;
  /** The word with quotes removed (for key=value: the whole token, decoded). */
  text: string;
  /** Present when the token is `key=value` with an unquoted key. */
  key?: string;
  value?: string;
  quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; problem: string };

const WHITESPACE = /\s/;

export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    if (WHITESPACE.test(line[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    /** Index in `text` of the first `=` typed outside quotes before any quote, if any. */
    let equals = -1;
    while (i < line.length && !WHITESPACE.test(line[i]!)) {
      const c = line[i]!;
      if (c !== '"') {
        if (c === '=' && equals < 0 && !quoted) equals = text.length;
        text += c;
        i++;
        continue;
      }
      quoted = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const q = line[i]!;
        if (q === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
          text += line[i + 1];
          i += 2;
        } else if (q === '"') {
          closed = true;
          i++;
          break;
        } else {
          text += q;
          i++;
        }
      }
      if (!closed) return { ok: false, problem: 'unbalanced double quote' };
    }
    const token: Token = { raw: line.slice(start, i), text, quoted };
    if (equals > 0) {
      token.key = text.slice(0, equals);
      token.value = text.slice(equals + 1);
    }
    tokens.push(token);
  }
  return { ok: true, tokens };
}
