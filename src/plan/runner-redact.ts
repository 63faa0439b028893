// Removes secret values from captured Terraform output before it reaches a log, comment or store.

export const REDACTED = '(redacted)';

/** Shortest piece of a secret worth masking where the capture cut it (see `redactEdges`). */
const MIN_FRAGMENT = 2;

export interface Redactor {
  /** Replaces every occurrence of a secret (also its JSON- and URL-escaped forms). */
  redact(text: string): string;
  /** Masks a secret's beginning at the end of `head` and its remainder at the start of `tail`. */
  redactEdges(head: string, tail: string): { head: string; tail: string };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a value takes in output: as is, inside a JSON string, URL-encoded (AWS secrets contain `/+=`). */
function variants(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length > 0))]
    .flatMap(variants)
    .sort((a, b) => b.length - a.length);
  const pattern = values.length > 0 ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : null;

  const redact = (text: string) => (pattern ? text.replace(pattern, REDACTED) : text);

  const redactEdges = (head: string, tail: string) => {
    let h = redact(head);
    let t = redact(tail);
    for (const value of values) {
      for (let k = value.length - 1; k >= MIN_FRAGMENT; k--) {
        if (h.endsWith(value.slice(0, k))) {
          h = h.slice(0, h.length - k) + REDACTED;
          break;
        }
      }
      for (let k = value.length - 1; k >= MIN_FRAGMENT; k--) {
        if (t.startsWith(value.slice(value.length - k))) {
          t = REDACTED + t.slice(k);
          break;
        }
      }
    }
    return { head: h, tail: t };
  };

  return { redact, redactEdges };
}
