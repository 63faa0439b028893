// Diffs a change's before/after values leaf by leaf, with dotted paths (`root_block_device.0.volume_size`).
// Sensitivity is decided here, before any value becomes display text, so nothing downstream can leak it: a
// subtree marked sensitive becomes ONE leaf whose text is `(sensitive)`, without revealing its inner shape.
// Lists are aligned by content (diff-align-lists), JSON-valued strings are diffed as documents (diff-json-string).
import { alignLists, type ListPair } from './diff-align-lists.js';
import { jsonChildPath, parseJsonDocument } from './diff-json-string.js';
import { userDataFlag } from './diff-user-data.js';
import { deepEqual, isObject, marks, same, similarity, unionOfKeys, valueKey } from './diff-values.js';
import { formatNumber } from './render-escape.js';
import { SENSITIVE, type SecretScrubber } from './render-redact.js';
import type { TerraformChange } from './terraform-json.js';
import type { AttributeChange, AttributeDiffResult, DiffNote, DiffOptions } from './diff-model.js';

export type { AttributeChange, AttributeDiffResult, DiffNote, DiffOptions } from './diff-model.js';

export const UNKNOWN = '(known after apply)';
/** The path of a value that is not an object (an output), or of an object sensitive as a whole. */
export const ROOT_PATH = '(value)';

interface Side {
  value: unknown;
  sensitive: unknown;
  unknown?: unknown;
}

/** A value shown as one leaf. `raw` is compared; `text` is set for markers, else made only when shown. */
interface Leaf {
  text?: string;
  raw: unknown;
  sensitive: boolean;
  unknown: boolean;
}

type Join = (path: string, key: string | number) => string;

const CONTAINER = 'container';
const SECRET_NAME = /password|secret|token|private_key|credential/i;

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

const sideOf = (s: Side | undefined, key: string | number): Side | undefined =>
  s && {
    value: child(s.value, key),
    sensitive: child(s.sensitive, key),
    unknown: s.unknown === undefined ? undefined : child(s.unknown, key),
  };

/**
 * True when the child can show nothing: equal on both sides, nothing unknown, sensitivity alike. Most of an update
 * is unchanged; deciding it here spares making sides, paths and leaves for every one of those values.
 */
function unchanged(
  before: Side | undefined,
  after: Side | undefined,
  keyB: string | number,
  keyA: string | number,
): boolean {
  if (!before || !after) return false;
  const valueB = child(before.value, keyB);
  if (valueB === undefined || valueB === null) return false;
  const valueA = child(after.value, keyA);
  const unknown = after.unknown === undefined ? undefined : child(after.unknown, keyA);
  const sensitiveB = child(before.sensitive, keyB);
  const sensitiveA = child(after.sensitive, keyA);
  // A leaf: `classify` reads only `true` markers, and `emit` drops equal leaves of the same sensitivity.
  if (typeof valueB !== 'object')
    return valueB === valueA && unknown !== true && (sensitiveB === true) === (sensitiveA === true);
  // A subtree: every leaf in it would be such an equal leaf, and equal lists hide all their elements silently.
  return (
    typeof valueA === 'object' &&
    valueA !== null &&
    !marks(unknown) &&
    !marks(sensitiveB) &&
    !marks(sensitiveA) &&
    deepEqual(valueB, valueA)
  );
}

/** `shown` is the path `p` or a path inside it. */
const isUnder = (shown: string, p: string) =>
  shown === p || shown.startsWith(`${p}.`) || shown.startsWith(`${p}[`) || shown.startsWith(`${p} › `);

class AttributeDiff {
  readonly result: AttributeChange[] = [];
  readonly notes: DiffNote[] = [];
  constructor(
    private readonly scrubber: SecretScrubber,
    private readonly replacePaths: string[],
    private readonly options: DiffOptions,
  ) {}

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
    return { raw: value, sensitive: false, unknown: false };
  }

  /** A value holding a known secret is treated exactly like one Terraform marked sensitive. */
  private holdsSecret(raw: unknown): boolean {
    return typeof raw === 'string' && this.scrubber.containsAsTextOrJson(raw);
  }

  /** Display text and sensitivity of a leaf about to be shown (most leaves are equal and never get here). */
  private shown(leaf: Leaf): { text: string; sensitive: boolean } {
    if (leaf.text !== undefined) return { text: leaf.text, sensitive: leaf.sensitive };
    if (this.holdsSecret(leaf.raw)) return { text: SENSITIVE, sensitive: true };
    return { text: JSON.stringify(leaf.raw), sensitive: false };
  }

  walk(path: string, before: Side | undefined, after: Side | undefined, join: Join = childPath): void {
    if (this.options.guessSensitive && SECRET_NAME.test(path.slice(path.lastIndexOf('.') + 1))) {
      if (before) before = { ...before, sensitive: true };
      if (after) after = { ...after, sensitive: true };
    }
    const b = this.classify(before);
    const a = this.classify(after);
    const leafB = typeof b === 'object' ? b : undefined;
    const leafA = typeof a === 'object' ? a : undefined;
    if ((leafB || leafA) && this.walkJsonStrings(path, leafB, leafA, b, a)) return;
    if (leafB || leafA) this.emit(path, leafB, leafA);
    const shapeB = b === CONTAINER ? before!.value : undefined;
    const shapeA = a === CONTAINER ? (after!.value ?? after!.unknown) : undefined;
    if (shapeB !== undefined && shapeA !== undefined && Array.isArray(shapeB) === Array.isArray(shapeA)) {
      if (Array.isArray(shapeB)) this.alignedList(path, before!, after!, join);
      else this.descend(path, before, after, join);
    } else {
      if (shapeB !== undefined) this.descend(path, before, undefined, join);
      if (shapeA !== undefined) this.descend(path, undefined, after, join);
    }
  }

  /** True when the leaves were JSON documents and have been diffed as such. */
  private walkJsonStrings(path: string, b: Leaf | undefined, a: Leaf | undefined, rawB: unknown, rawA: unknown) {
    if (b?.sensitive || a?.sensitive || a?.unknown) return false;
    // Equal text is no change: `emit` drops it without parsing anything.
    if (b && a && b.raw === a.raw) return false;
    if (rawB === CONTAINER || rawA === CONTAINER) return false;
    // A secret might span keys: a document holding one is hidden whole, never walked.
    if ((b && this.holdsSecret(b.raw)) || (a && this.holdsSecret(a.raw))) return false;
    const docB = b ? parseJsonDocument(b.raw) : undefined;
    if (b && !docB) return false;
    const docA = a ? parseJsonDocument(a.raw) : undefined;
    // Both sides must be documents (or absent): a string that stops being JSON is shown as text.
    if (a && !docA) return false;
    const doc = (value: object | undefined): Side | undefined => value && { value, sensitive: false, unknown: {} };
    const shown = this.result.length;
    const noted = this.notes.length;
    this.walk(path, doc(docB), doc(docA), jsonChildPath);
    if (this.result.length > shown) return true;
    this.notes.length = noted;
    // Different text, no different leaf: only whitespace or key order changed (keys are walked sorted).
    if (docB && docA && deepEqual(docB, docA)) this.note(path, 'JSON reformatted only (same content, no change)');
    // A document with no leaf to list (`{}`, `[]`, or `[]` becoming `{}`) must still show: as text.
    else this.emit(path, b, a);
    return true;
  }

  private step(
    path: string,
    before: Side | undefined,
    after: Side | undefined,
    keyB: string | number,
    keyA: string | number,
    join: Join,
  ) {
    if (unchanged(before, after, keyB, keyA)) return;
    this.walk(join(path, keyA), sideOf(before, keyB), sideOf(after, keyA), join);
  }

  private descend(path: string, before: Side | undefined, after: Side | undefined, join: Join): void {
    const shapes = [before?.value, after?.value, after?.unknown];
    // Any list among the shapes: walk indexes up to the longest list (objects beside it add none).
    let length = -1;
    for (const shape of shapes) if (Array.isArray(shape)) length = Math.max(length, shape.length);
    if (length >= 0) {
      for (let i = 0; i < length; i++) this.step(path, before, after, i, i, join);
      return;
    }
    const flagged = path === '' ? this.options.flagged : undefined;
    for (const key of unionOfKeys(shapes)) {
      if (flagged?.includes(key)) this.flagged(key, before, after);
      else this.step(path, before, after, key, key, join);
    }
  }

  private flagged(key: string, before: Side | undefined, after: Side | undefined): void {
    const b = sideOf(before, key);
    const a = sideOf(after, key);
    const text = userDataFlag(b?.value, a?.value, a?.unknown === true);
    if (text) this.result.push({ path: key, sensitive: true, unknown: a?.unknown === true, flag: text });
  }

  /** Both sides are lists: equal elements are matched and hidden with a count, the rest diffed. */
  private alignedList(path: string, before: Side, after: Side, join: Join): void {
    const listB = before.value as unknown[];
    const lengthA = Math.max(
      Array.isArray(after.value) ? after.value.length : 0,
      Array.isArray(after.unknown) ? after.unknown.length : 0,
    );
    const keyOf = (s: Side | undefined): string | undefined =>
      s === undefined || marks(s.unknown) ? undefined : `${marks(s.sensitive) ? 'S' : 'P'}${valueKey(s.value)}`;
    // Sides are made only for elements the cheap checks do not settle: most elements are equal and need none.
    const sidesB: Side[] = new Array<Side>(listB.length);
    const sidesA: Side[] = new Array<Side>(lengthA);
    const elementB = (i: number) => (sidesB[i] ??= sideOf(before, i)!);
    const elementA = (j: number) => (sidesA[j] ??= sideOf(after, j)!);
    const pairs = alignLists({
      beforeLength: listB.length,
      afterLength: lengthA,
      equal: (i, j) =>
        !marks(child(after.unknown, j)) &&
        marks(child(before.sensitive, i)) === marks(child(after.sensitive, j)) &&
        deepEqual(child(listB, i), child(after.value, j)),
      beforeKey: (i) => keyOf(elementB(i)),
      afterKey: (j) => keyOf(elementA(j)),
      similarity: (i, j) => similarity(elementB(i).value, elementA(j).value),
      // A lone couple of scalars, or of blocks, reads best as one edited element; a scalar and a block do not.
      pairAlways: (i, j) => isObject(elementB(i).value) === isObject(elementA(j).value ?? elementA(j).unknown),
    });
    let hidden = 0;
    for (const pair of pairs) if (pair.equal) hidden++;
    const shown = this.result.length;
    for (const pair of pairs) if (!pair.equal) this.pair(path, before, after, pair, join);
    // Paired elements may turn out equal once walked (key order inside a JSON document): then nothing is said.
    if (this.result.length > shown && hidden > 0) {
      this.note(path, `${formatNumber(hidden)} unchanged element${hidden === 1 ? '' : 's'} hidden`);
    }
  }

  private pair(path: string, before: Side, after: Side, pair: ListPair, join: Join): void {
    const shown = join(path, pair.after ?? pair.before!);
    this.walk(
      shown,
      pair.before === undefined ? undefined : sideOf(before, pair.before),
      pair.after === undefined ? undefined : sideOf(after, pair.after),
      join,
    );
  }

  private note(path: string, text: string): void {
    this.notes.push({ at: this.result.length, path: this.scrubber.scrub(path || ROOT_PATH), text });
  }

  private emit(path: string, b: Leaf | undefined, a: Leaf | undefined): void {
    if (b && a && !a.unknown && b.sensitive === a.sensitive && same(b.raw, a.raw)) return;
    const shown = path || ROOT_PATH;
    const before = b && this.shown(b);
    const after = a && this.shown(a);
    const attribute: AttributeChange = {
      path: this.scrubber.scrub(shown),
      sensitive: Boolean(before?.sensitive || after?.sensitive),
      unknown: Boolean(a?.unknown),
    };
    if (before) attribute.before = before.text;
    if (after) attribute.after = after.text;
    if (this.replacePaths.some((p) => isUnder(shown, p))) attribute.forcesReplacement = true;
    this.result.push(attribute);
  }
}

/** Changed leaves and context notes; for creates and deletes, every non-null leaf of the side that exists. */
export function diffAttributeTree(
  change: Pick<
    TerraformChange,
    'before' | 'after' | 'after_unknown' | 'before_sensitive' | 'after_sensitive' | 'replace_paths'
  >,
  scrubber: SecretScrubber,
  options: DiffOptions = {},
): AttributeDiffResult {
  const diff = new AttributeDiff(scrubber, (change.replace_paths ?? []).map(pathOf), options);
  diff.walk(
    '',
    { value: change.before, sensitive: change.before_sensitive },
    { value: change.after, sensitive: change.after_sensitive, unknown: change.after_unknown ?? {} },
  );
  return { attributes: diff.result, notes: diff.notes };
}

/** Changed leaves only (callers that need no context notes). */
export function diffAttributes(
  change: TerraformChange,
  scrubber: SecretScrubber,
  options: DiffOptions = {},
): AttributeChange[] {
  return diffAttributeTree(change, scrubber, options).attributes;
}
