// Value helpers for the attribute diff: equality, alignment keys, similarity, and marker checks. Pure functions of
// JSON values; nothing here turns a value into display text.

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a marker tree holds `true` anywhere (some part sensitive / unknown). */
export function marks(marker: unknown): boolean {
  if (marker === true) return true;
  if (typeof marker !== 'object' || marker === null) return false;
  for (const value of Array.isArray(marker) ? marker : Object.values(marker)) if (marks(value)) return true;
  return false;
}

/** Identity of a value for list alignment: scalars without JSON.stringify (the common case, and hot). */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value}`;
    case 'boolean':
      return `b${value}`;
    default:
      return value === null || value === undefined ? 'null' : `j${JSON.stringify(value)}`;
  }
}

/** Share of an object's top-level fields that are equal on both sides (0 for scalars: they never pair). */
export function similarity(x: unknown, y: unknown): number {
  if (!isObject(x) || !isObject(y)) return 0;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  if (keys.size === 0) return 0;
  let equal = 0;
  for (const key of keys) if (same(x[key], y[key]) && x[key] !== undefined) equal++;
  return equal / keys.size;
}

/** Structural equality of JSON values (null and absent are the same: Terraform writes both). */
export function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x === null || x === undefined) return y === null || y === undefined;
  if (typeof x !== 'object' || typeof y !== 'object' || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !deepEqual(a[key], b[key])) return false;
  return true;
}

export const same = (x: unknown, y: unknown) =>
  x === y || (typeof x === 'object' && typeof y === 'object' && deepEqual(x, y));

/** The keys of all the objects, each once, in code-unit order (`sort()`'s own order for strings). Most often the
 * sides share their keys: the first object's list is then the whole union. */
export function unionOfKeys(shapes: readonly unknown[]): string[] {
  let keys: string[] | undefined;
  let seen: Set<string> | undefined;
  for (const shape of shapes) {
    if (!isObject(shape)) continue;
    if (!keys) {
      keys = Object.keys(shape);
      continue;
    }
    for (const key of Object.keys(shape)) {
      const known = seen ? seen.has(key) : keys.length < 8 ? keys.includes(key) : (seen = new Set(keys)).has(key);
      if (known) continue;
      keys.push(key);
      seen?.add(key);
    }
  }
  if (!keys) return [];
  return keys.length > SHORT_SORT ? keys.sort() : insertionSort(keys);
}

/** Up to this many keys, sorting in place beats sort(), which copies the array (and objects mostly have few). */
const SHORT_SORT = 16;

/** Sorts distinct strings in code-unit order, in place: `sort()`'s order; no work when already sorted (Terraform
 * writes keys sorted). */
function insertionSort(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
