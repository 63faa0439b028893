// String attributes that hold a JSON document (IAM policies, bucket policies, app settings) are diffed as
// documents, like Terraform's renderer does for `jsonencode`: only the changed keys/elements, at any length.

/** Larger strings are compared as text: parsing megabytes per attribute would stall a big plan. */
const MAX_JSON_STRING_CHARS = 1024 * 1024;

/** The parsed object/array when `text` is a JSON document, else `undefined` (scalars stay strings). */
export function parseJsonDocument(text: unknown): object | undefined {
  if (typeof text !== 'string' || text.length < 2 || text.length > MAX_JSON_STRING_CHARS) return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

/** A path inside a document: `policy › Statement[0] › Action`. */
export function jsonChildPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return `${path} › ${IDENTIFIER.test(key) ? key : JSON.stringify(key)}`;
}
