// Lays Markdown lines out in parts of at most `budget` characters, in order, losing nothing: a block that does not
// fit continues in the next part. At the end of a part the open code fence and <details> are closed; the next part
// reopens them (same fence and info string, the same summary marked "continued from part N").
import {
  closeOpenMarkup,
  closingLength,
  openMarkupBefore,
  reopenMarkup,
  type OpenMarkup,
} from './render-open-markup.js';

export const BLOCK_SEPARATOR = '\n\n';
/** A part may end early, at a blank line between blocks, when that keeps at least this share of it used. */
const TIDY_BREAK_SHARE = 0.75;
/** Room kept free of content on any line: a reopened summary and closing tags; longer lines are wrapped. */
const LINE_SLACK = 600;

export interface PackOptions {
  /** Characters per part. */
  budget: number;
  /** Room the last part keeps free (for a footer); the last part then still holds content. */
  lastRoom?: number;
  /** At most this many parts; past it, what is left is returned in `leftOut`. */
  maxParts?: number;
  /** Room the last kept part keeps free when the cap is reached (for a notice naming what is left out). */
  capRoom?: number;
}

export interface PackedLines {
  /** Each part's content, every fence and <details> closed in it. */
  parts: string[];
  /** Index (in `lines`) one past the last line of each part. */
  ends: number[];
  /** The lines laid out (very long lines wrapped). */
  lines: string[];
  /** Open markup before each line of `lines`. */
  states: OpenMarkup[];
  /** Set when `maxParts` stopped the layout: the first line not shown. */
  leftOut?: number;
}

function wrapLongLines(lines: readonly string[], width: number): string[] {
  // Most layouts have no line to wrap: a plain copy is then all there is to do.
  if (lines.every((line) => line.length <= width)) return lines.slice();
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (rest.length > width) {
      // break at a space when one is near the end, so words and code spans stay whole where possible
      const space = rest.lastIndexOf(' ', width);
      const at = space > width / 2 ? space : width;
      out.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    out.push(rest);
  }
  return out;
}

/** Lines ready to pack: long ones wrapped, with the markup open before each (`states` has one more entry). */
export interface LineLayout {
  lines: string[];
  states: OpenMarkup[];
}

/** Width left for a line by these options; wrapping at it keeps every line within a part. */
export function lineWidth(options: PackOptions): number {
  const { budget, lastRoom = 0, capRoom = 0 } = options;
  const width = budget - lastRoom - capRoom - LINE_SLACK;
  if (width < 200) throw new Error(`packLines: budget ${budget} leaves no room for content`);
  return width;
}

/** The costly, position-free part of a layout (wrapping, reading markup): done once for lines laid out twice. */
export function prepareLines(input: readonly string[], width: number): LineLayout {
  const lines = wrapLongLines(input, width);
  return { lines, states: openMarkupBefore(lines) };
}

/** `prepareLines` of `head`'s lines then `tail`'s, both prepared at the same width. */
export function joinLayouts(head: LineLayout, tail: LineLayout): LineLayout {
  const lines = head.lines.concat(tail.lines);
  const end = head.states[head.lines.length]!;
  // `tail`'s states were read from nothing open; they hold after `head` only if nothing is open at its end.
  if (end.fence !== null || end.details.length > 0) return { lines, states: openMarkupBefore(lines) };
  return { lines, states: head.states.slice(0, -1).concat(tail.states) };
}

/** Before line j is a tidy place to end a part: between blocks, not just before a code block (a header stays
 * with its diff), not between a <details> and its <summary>. */
const tidyBreak = (layout: LineLayout, j: number) => {
  const state = layout.states[j]!;
  const opensFence = layout.states[j + 1]?.fence != null;
  return !state.fence && !opensFence && layout.lines[j - 1] === '' && state.details.every((s) => s !== undefined);
};

const skipBlank = (layout: LineLayout, i: number) => {
  while (i < layout.lines.length && layout.lines[i] === '' && !layout.states[i]!.fence) i += 1;
  return i;
};

/** One part starting at line `from`: as many lines as fit, ending at a tidy break when one is close. */
function packOne(layout: LineLayout, from: number, budget: number, partNumber: number): { end: number; text: string } {
  const { lines, states } = layout;
  const prefix = partNumber > 1 ? reopenMarkup(states[from]!, partNumber - 1) : '';
  let size = prefix.length - 1;
  let end = from;
  let tidy = -1;
  while (end < lines.length) {
    const next = size + lines[end]!.length + 1;
    if (next + closingLength(states[end + 1]!) > budget) break;
    size = next;
    end += 1;
    if (end < lines.length && tidyBreak(layout, end) && size >= budget * TIDY_BREAK_SHARE) tidy = end;
  }
  if (end === from) throw new Error(`packLines: line ${from + 1} does not fit a part of ${budget} characters`);
  if (end < lines.length && tidy > from) end = tidy;
  let last = end;
  while (last > from && lines[last - 1] === '' && !states[last - 1]!.fence) last -= 1;
  return { end, text: prefix + lines.slice(from, last).join('\n') + closeOpenMarkup(states[end]!) };
}

function packFrom(layout: LineLayout, from: number, budget: number, firstNumber: number) {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = skipBlank(layout, from);
  while (i < layout.lines.length) {
    const { end, text } = packOne(layout, i, budget, firstNumber + parts.length);
    parts.push(text);
    starts.push(i);
    ends.push(end);
    i = skipBlank(layout, end);
  }
  return { parts, starts, ends };
}

export function packLines(input: readonly string[], options: PackOptions): PackedLines {
  return packLayout(prepareLines(input, lineWidth(options)), options);
}

/** `packLines` of lines already prepared with `prepareLines(…, lineWidth(options))`. */
export function packLayout(layout: LineLayout, options: PackOptions): PackedLines {
  const { budget, lastRoom = 0, maxParts = Infinity, capRoom = 0 } = options;
  const { lines } = layout;
  let { parts, starts, ends } = packFrom(layout, 0, budget, 1);
  if (parts.length === 0) return { parts: [''], ends: [0], lines, states: layout.states };

  const lastIndex = parts.length - 1;
  if (lastRoom && parts[lastIndex]!.length + lastRoom > budget) {
    // Re-lay the last part with room for the footer: it becomes two or more parts, the last holding content too.
    const tail = packFrom(layout, starts[lastIndex]!, budget - lastRoom, lastIndex + 1);
    parts = [...parts.slice(0, lastIndex), ...tail.parts];
    starts = [...starts.slice(0, lastIndex), ...tail.starts];
    ends = [...ends.slice(0, lastIndex), ...tail.ends];
  }
  if (parts.length <= maxParts) return { parts, ends, lines, states: layout.states };

  const k = maxParts - 1;
  const capped = packOne(layout, starts[k]!, budget - lastRoom - capRoom, k + 1);
  return {
    parts: [...parts.slice(0, k), capped.text],
    ends: [...ends.slice(0, k), capped.end],
    lines,
    states: layout.states,
    leftOut: capped.end,
  };
}
