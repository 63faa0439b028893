// Aligns two lists by content, as Terraform's renderer does, so adding one element to a set reads as ONE added
// element instead of every later index changing. Equal elements are matched (longest common subsequence, or a
// hash match when the lists are too long for the quadratic table); the rest are paired by similarity (an edited
// block shows its changed fields) or left as removed/added.

/** `before`/`after` are indexes into each list; `equal` pairs need no diff. */
export interface ListPair {
  before?: number;
  after?: number;
  equal: boolean;
}

/** Above this many table cells (n × m after trimming the common ends) the hash match replaces the LCS. */
export const LCS_MAX_CELLS = 250_000;
/** Above this many (removed × added) candidates, similarity pairing is skipped: elements stay removed/added. */
const PAIRING_MAX_CANDIDATES = 10_000;
const MIN_SIMILARITY = 0.5;

/** The two lists, seen through functions so that keys are only built where the cheap checks do not decide. */
export interface AlignInput {
  beforeLength: number;
  afterLength: number;
  /** Exact equality of two elements (never true for an element holding unknown values). */
  equal: (before: number, after: number) => boolean;
  /** A string equal for equal elements; `undefined` = not comparable (holds unknown values). */
  beforeKey: (before: number) => string | undefined;
  afterKey: (after: number) => string | undefined;
  /** In [0, 1]: how alike a removed and an added element are (≥ 0.5 pairs them as one edited element). */
  similarity: (before: number, after: number) => number;
  /** Whether a lone removed/added couple reads best as one edited element. */
  pairAlways: (before: number, after: number) => boolean;
}

export function alignLists(input: AlignInput): ListPair[] {
  const { beforeLength: n, afterLength: m, equal, similarity, pairAlways } = input;
  const matchOfAfter = new Int32Array(m).fill(-1);
  const matchedBefore = new Uint8Array(n);
  // The common ends are found by direct comparison: most edits touch a few elements of a long list.
  let start = 0;
  while (start < n && start < m && equal(start, start)) {
    matchOfAfter[start] = start;
    matchedBefore[start] = 1;
    start++;
  }
  let endB = n;
  let endA = m;
  while (endB > start && endA > start && equal(endB - 1, endA - 1)) {
    endB--;
    endA--;
    matchOfAfter[endA] = endB;
    matchedBefore[endB] = 1;
  }
  const rows = endB - start;
  const cols = endA - start;
  // Keys are needed only when both sides keep elements between the common ends (else nothing is left to match).
  const beforeKeys: (string | undefined)[] = [];
  const afterKeys: (string | undefined)[] = [];
  const same = (i: number, j: number) => beforeKeys[i] !== undefined && beforeKeys[i] === afterKeys[j];
  if (rows > 0 && cols > 0) {
    for (let i = start; i < endB; i++) beforeKeys[i] = input.beforeKey(i);
    for (let j = start; j < endA; j++) afterKeys[j] = input.afterKey(j);
    if (rows * cols <= LCS_MAX_CELLS) lcsMatch(start, endB, endA, same, matchOfAfter, matchedBefore);
    else hashMatch(beforeKeys, afterKeys, start, endB, endA, matchOfAfter, matchedBefore);
  }
  const removed: number[] = [];
  for (let i = 0; i < n; i++) if (!matchedBefore[i]) removed.push(i);
  const added: number[] = [];
  for (let j = 0; j < m; j++) if (matchOfAfter[j]! < 0) added.push(j);

  const pairs: ListPair[] = [];
  const pairedAfter = new Map<number, number>();
  const pairedBefore = new Set<number>();
  // A lone removed/added couple is one edited element, unless it is the same element moved elsewhere.
  const lone = removed.length === 1 && added.length === 1 && !same(removed[0]!, added[0]!);
  if (lone && pairAlways(removed[0]!, added[0]!)) {
    pairedAfter.set(added[0]!, removed[0]!);
    pairedBefore.add(removed[0]!);
  } else if (removed.length * added.length <= PAIRING_MAX_CANDIDATES) {
    for (const j of added) {
      let best = -1;
      let bestScore = MIN_SIMILARITY;
      for (const i of removed) {
        if (pairedBefore.has(i)) continue;
        const score = similarity(i, j);
        if (score >= bestScore && (best < 0 || score > bestScore)) {
          best = i;
          bestScore = score;
        }
      }
      if (best >= 0) {
        pairedAfter.set(j, best);
        pairedBefore.add(best);
      }
    }
  }
  for (let j = 0; j < m; j++) {
    const match = matchOfAfter[j]!;
    if (match >= 0) pairs.push({ before: match, after: j, equal: true });
    else pairs.push({ before: pairedAfter.get(j), after: j, equal: false });
  }
  // Pairs holding an after element are in after order already: only lone removals need placing among them.
  if (pairedBefore.size === removed.length) return pairs;
  for (const i of removed) if (!pairedBefore.has(i)) pairs.push({ before: i, equal: false });
  // Shown by the index each element is named by (after index, or before index when removed); removals first.
  const shownIndex = (p: ListPair) => p.after ?? p.before!;
  return pairs.sort(
    (x, y) => shownIndex(x) - shownIndex(y) || Number(x.after !== undefined) - Number(y.after !== undefined),
  );
}

function lcsMatch(
  start: number,
  endB: number,
  endA: number,
  same: (i: number, j: number) => boolean,
  matchOfAfter: Int32Array,
  matchedBefore: Uint8Array,
): void {
  const rows = endB - start;
  const cols = endA - start;
  // table[(r * (cols + 1)) + c] = LCS length of before[start+r..] and after[start+c..]
  const table = new Uint32Array((rows + 1) * (cols + 1));
  const at = (r: number, c: number) => r * (cols + 1) + c;
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = cols - 1; c >= 0; c--) {
      table[at(r, c)] = same(start + r, start + c)
        ? table[at(r + 1, c + 1)]! + 1
        : Math.max(table[at(r + 1, c)]!, table[at(r, c + 1)]!);
    }
  }
  let r = 0;
  let c = 0;
  while (r < rows && c < cols) {
    if (same(start + r, start + c)) {
      matchOfAfter[start + c] = start + r;
      matchedBefore[start + r] = 1;
      r++;
      c++;
    } else if (table[at(r + 1, c)]! >= table[at(r, c + 1)]!) r++;
    else c++;
  }
}

/** Linear fallback: each after element takes the first unmatched equal before element (order not preserved). */
function hashMatch(
  beforeKeys: readonly (string | undefined)[],
  afterKeys: readonly (string | undefined)[],
  start: number,
  endB: number,
  endA: number,
  matchOfAfter: Int32Array,
  matchedBefore: Uint8Array,
): void {
  const waiting = new Map<string, number[]>();
  for (let i = endB - 1; i >= start; i--) {
    const key = beforeKeys[i];
    if (key === undefined) continue;
    const list = waiting.get(key);
    if (list) list.push(i);
    else waiting.set(key, [i]);
  }
  for (let j = start; j < endA; j++) {
    const key = afterKeys[j];
    const i = key === undefined ? undefined : waiting.get(key)?.pop();
    if (i === undefined) continue;
    matchOfAfter[j] = i;
    matchedBefore[i] = 1;
  }
}
