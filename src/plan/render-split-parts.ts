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

/** A part before its text is made: it shows lines [from, last) after `prefix`; the next part starts at `end`. */
export interface PartSpan {
  from: number;
  last: number;
  end: number;
  /** The reopened markup it starts with. */
  prefix: string;
}

/** One part starting at line `from`: as many lines as fit, ending at a tidy break when one is close. */
function spanOne(layout: LineLayout, from: number, budget: number, partNumber: number): PartSpan {
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
  return { from, last, end, prefix };
}

const spanText = (layout: LineLayout, span: PartSpan): string =>
  span.prefix + layout.lines.slice(span.from, span.last).join('\n') + closeOpenMarkup(layout.states[span.end]!);

/** `spanText(layout, span).length`, without making the text. */
function spanLength(layout: LineLayout, span: PartSpan): number {
  let length = span.prefix.length + closingLength(layout.states[span.end]!) + Math.max(0, span.last - span.from - 1);
  for (let i = span.from; i < span.last; i++) length += layout.lines[i]!.length;
  return length;
}

function spansFrom(layout: LineLayout, from: number, budget: number, firstNumber: number): PartSpan[] {
  const spans: PartSpan[] = [];
  let i = skipBlank(layout, from);
  while (i < layout.lines.length) {
    const span = spanOne(layout, i, budget, firstNumber + spans.length);
    spans.push(span);
    i = skipBlank(layout, span.end);
  }
  return spans;
}

export function packLines(input: readonly string[], options: PackOptions): PackedLines {
  return packPlanned(planLayout(prepareLines(input, lineWidth(options)), options));
}

/** Where the parts of a layout begin and end, before any part's text is made: a layout can be judged, and
 * dropped for another, without paying for its text. */
export interface PlannedLayout extends LineLayout {
  spans: PartSpan[];
  /** Index (in `lines`) one past the last line of each part. */
  ends: number[];
  leftOut?: number;
}

/** The plan `packLines` follows, for lines already prepared with `prepareLines(…, lineWidth(options))`. */
export function planLayout(layout: LineLayout, options: PackOptions): PlannedLayout {
  const { budget, lastRoom = 0, maxParts = Infinity, capRoom = 0 } = options;
  const planned = (spans: PartSpan[], leftOut?: number): PlannedLayout => ({
    ...layout,
    spans,
    ends: spans.length ? spans.map((span) => span.end) : [0],
    ...(leftOut !== undefined && { leftOut }),
  });
  let spans = spansFrom(layout, 0, budget, 1);
  if (spans.length === 0) return planned(spans);

  const lastIndex = spans.length - 1;
  if (lastRoom && spanLength(layout, spans[lastIndex]!) + lastRoom > budget) {
    // Re-lay the last part with room for the footer: it becomes two or more parts, the last holding content too.
    spans = [
      ...spans.slice(0, lastIndex),
      ...spansFrom(layout, spans[lastIndex]!.from, budget - lastRoom, lastIndex + 1),
    ];
  }
  if (spans.length <= maxParts) return planned(spans);

  const k = maxParts - 1;
  const capped = spanOne(layout, spans[k]!.from, budget - lastRoom - capRoom, k + 1);
  return planned([...spans.slice(0, k), capped], capped.end);
}

/** The parts of a planned layout, each with its text. */
export function packPlanned(plan: PlannedLayout): PackedLines {
  const { lines, states, ends, spans, leftOut } = plan;
  const parts = spans.length ? spans.map((span) => spanText(plan, span)) : [''];
  return { parts, ends, lines, states, ...(leftOut !== undefined && { leftOut }) };
}
