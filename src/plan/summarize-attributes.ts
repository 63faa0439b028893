// Diffs a change's before/after values leaf by leaf, with dotted paths (`root_block_device.0.volume_size`).
// Sensitivity is decided here, before any value becomes display text, so nothing downstream can leak it: a
// subtree marked sensitive becomes ONE leaf whose text is `(sensitive)`, without revealing its inner shape.
// Both sides are walked together (keys in code-point order, list indexes ascending), so the output needs no sort.
import { SENSITIVE, type SecretScrubber } from './render-redact.js';
import type { TerraformChange } from './terraform-json.js';

export const UNKNOWN = '(known after apply)';
/** The path of a value that is not an object (an output), or of an object sensitive as a whole. */
export const ROOT_PATH = '(value)';

export interface AttributeChange {
  path: string;
  /** Display text (JSON for known values); absent when the side has no value (null or missing). */
  before?: string;
  after?: string;
  sensitive: boolean;
  unknown: boolean;
  /** The path is listed in `replace_paths`. */
  forcesReplacement?: boolean;
}

/** A value, with the markers that mirror its shape (`true` = this whole subtree is sensitive / unknown). */
interface Side {
  value: unknown;
  sensitive: unknown;
  unknown?: unknown;
}

/** A value shown as one leaf. `raw` is only for comparing the two sides, never shown. */
interface Leaf {
  text: string;
  raw: unknown;
  sensitive: boolean;
  unknown: boolean;
}

const CONTAINER = 'container';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isContainer = (v: unknown) => typeof v === 'object' && v !== null;

function child(marker: unknown, key: string | number): unknown {
  if (marker === true) return true;
  return isContainer(marker) ? (marker as Record<string | number, unknown>)[key] : undefined;
}

const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

/** `a.b.0.c`; a map key that is not identifier-like is bracketed (`tags["kubernetes.io/role"]`). */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number' || IDENTIFIER.test(key)) return path ? `${path}.${key}` : String(key);
  return `${path}[${JSON.stringify(key)}]`;
}

export const pathOf = (segments: readonly (string | number)[]): string =>
  segments.reduce<string>((path, key) => childPath(path, key), '') || ROOT_PATH;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

class AttributeDiff {
  readonly result: AttributeChange[] = [];
  constructor(
    private readonly scrubber: SecretScrubber,
    private readonly replacePaths: string[],
  ) {}

  /** A leaf, a container to descend into, or nothing (null or absent). */
  private classify(side: Side | undefined): Leaf | typeof CONTAINER | undefined {
    if (!side) return undefined;
    const { value, sensitive, unknown } = side;
    if (unknown === true) {
      const hidden = sensitive === true;
      return { text: hidden ? SENSITIVE : UNKNOWN, raw: undefined, sensitive: hidden, unknown: true };
    }
    if (value === null || value === undefined) return isContainer(unknown) ? CONTAINER : undefined;
    if (sensitive === true) return { text: SENSITIVE, raw: value, sensitive: true, unknown: false };
    if (typeof value === 'object') return CONTAINER;
    const json = JSON.stringify(value);
    // A value holding a known secret is treated exactly like one Terraform marked sensitive.
    const secret = typeof value === 'string' && (this.scrubber.contains(value) || this.scrubber.contains(json));
    return { text: secret ? SENSITIVE : json, raw: value, sensitive: secret, unknown: false };
  }

  walk(path: string, before: Side | undefined, after: Side | undefined): void {
    const b = this.classify(before);
    const a = this.classify(after);
    const leafB = typeof b === 'object' ? b : undefined;
    const leafA = typeof a === 'object' ? a : undefined;
    if (leafB || leafA) this.emit(path, leafB, leafA);
    const shapeB = b === CONTAINER ? before!.value : undefined;
    const shapeA = a === CONTAINER ? (after!.value ?? after!.unknown) : undefined;
    if (shapeB !== undefined && shapeA !== undefined && Array.isArray(shapeB) === Array.isArray(shapeA)) {
      this.descend(path, before, after);
    } else {
      if (shapeB !== undefined) this.descend(path, before, undefined);
      if (shapeA !== undefined) this.descend(path, undefined, after);
    }
  }

  private descend(path: string, before: Side | undefined, after: Side | undefined): void {
    const shapes = [before?.value, after?.value, after?.unknown].filter(isContainer);
    const step = (key: string | number) => {
      const sideOf = (s: Side | undefined): Side | undefined =>
        s && {
          value: child(s.value, key),
          sensitive: child(s.sensitive, key),
          unknown: s.unknown === undefined ? undefined : child(s.unknown, key),
        };
      this.walk(childPath(path, key), sideOf(before), sideOf(after));
    };
    if (shapes.some(Array.isArray)) {
      const length = Math.max(0, ...shapes.map((s) => (Array.isArray(s) ? s.length : 0)));
      for (let i = 0; i < length; i++) step(i);
      return;
    }
    const keys = new Set<string>();
    for (const shape of shapes) if (isObject(shape)) for (const key of Object.keys(shape)) keys.add(key);
    for (const key of [...keys].sort(compareText)) step(key);
  }

  private emit(path: string, b: Leaf | undefined, a: Leaf | undefined): void {
    if (b && a && !a.unknown && b.sensitive === a.sensitive && same(b.raw, a.raw)) return;
    const shown = path || ROOT_PATH;
    const attribute: AttributeChange = {
      path: this.scrubber.scrub(shown),
      sensitive: Boolean(b?.sensitive || a?.sensitive),
      unknown: Boolean(a?.unknown),
    };
    if (b) attribute.before = b.text;
    if (a) attribute.after = a.text;
    if (this.replacePaths.some((p) => shown === p || shown.startsWith(`${p}.`) || shown.startsWith(`${p}[`))) {
      attribute.forcesReplacement = true;
    }
    this.result.push(attribute);
  }
}

const same = (x: unknown, y: unknown) =>
  x === y || (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y));

/** Changed leaves; for creates and deletes, every non-null leaf of the side that exists. */
export function diffAttributes(change: TerraformChange, scrubber: SecretScrubber): AttributeChange[] {
  const diff = new AttributeDiff(scrubber, (change.replace_paths ?? []).map(pathOf));
  diff.walk(
    '',
    { value: change.before, sensitive: change.before_sensitive },
    { value: change.after, sensitive: change.after_sensitive, unknown: change.after_unknown ?? {} },
  );
  return diff.result;
}
