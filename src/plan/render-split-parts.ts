// Packs top-level Markdown blocks into as few parts as fit a size budget, in order. A block is never split between
// parts; one that alone exceeds the budget is cut (visibly) by the given function, to the room left in the current
// part when that room is worth using, else to a whole part.

export const BLOCK_SEPARATOR = '\n\n';
/** Below this much room, an oversized block starts a new part instead of being squeezed in. */
const MIN_ROOM_FOR_CUT = 4_000;

export function packBlocks(
  blocks: readonly string[],
  budget: number,
  cut: (block: string, budget: number) => string,
): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of blocks) {
    const separator = current.length ? BLOCK_SEPARATOR.length : 0;
    const room = budget - size - separator;
    let block = raw;
    if (raw.length > budget) block = cut(raw, room >= Math.min(MIN_ROOM_FOR_CUT, budget / 2) ? room : budget);
    if (current.length && size + separator + block.length > budget) {
      parts.push(current);
      current = [];
      size = 0;
    }
    size += (current.length ? BLOCK_SEPARATOR.length : 0) + block.length;
    current.push(block);
  }
  if (current.length) parts.push(current);
  return parts;
}

/**
 * Keeps at most `maxParts` parts. What does not fit is dropped and named by `notice(n)`, n being how many of the
 * last blocks (before `keepLast`) were dropped; blocks move out of the last kept part until the notice fits.
 * `keepLast`, the final block (a footer), stays.
 */
export function capParts(
  parts: readonly string[][],
  maxParts: number,
  budget: number,
  notice: (droppedBlocks: number) => string,
  keepLast?: string,
): string[][] {
  if (parts.length <= maxParts) return parts.map((p) => [...p]);
  const kept = parts.slice(0, maxParts).map((p) => [...p]);
  let dropped = parts.slice(maxParts).reduce((n, p) => n + p.length, 0);
  if (keepLast !== undefined) dropped -= 1;
  const last = kept[kept.length - 1]!;
  const tail = () => [notice(dropped), ...(keepLast === undefined ? [] : [keepLast])];
  const size = (blocks: string[]) => blocks.join(BLOCK_SEPARATOR).length;
  while (last.length > 0 && size([...last, ...tail()]) > budget) {
    last.pop();
    dropped += 1;
  }
  last.push(...tail());
  return kept;
}
