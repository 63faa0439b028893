// Cuts one Markdown block that alone exceeds a size budget: at a line boundary, closing whatever code fence and
// <details> are open at the cut, and saying visibly how much was left out. Nothing is dropped silently.
import { formatNumber } from './render-escape.js';

export interface MarkdownState {
  /** The open fence (e.g. "```"), or null outside code blocks. */
  fence: string | null;
  /** How many <details> elements are open. */
  details: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** Whether `line` starts (after at most 3 spaces) with ` or ~: a fence can only start so; most lines do not. */
function mayBeFence(line: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const first = line.charCodeAt(i);
  return first === 96 || first === 126;
}

/** The fence a line opens outside code (e.g. "```"), or null. */
export function fenceOpenedBy(line: string): string | null {
  if (!mayBeFence(line)) return null;
  const open = FENCE_OPEN.exec(line);
  // A backtick fence's info string holds no backtick (else the line is inline code): CommonMark 4.5.
  if (!open || (open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) return null;
  return open[1]!;
}

/** Whether `line` closes the open `fence` (same character, at least as long, nothing after it). */
export function closesFence(fence: string, line: string): boolean {
  if (!mayBeFence(line)) return false;
  const close = FENCE_CLOSE.exec(line)?.[1];
  return close !== undefined && close[0] === fence[0] && close.length >= fence.length;
}

/** CommonMark-style tracking of fences (closed by the same character, at least as long) and <details>. */
export function advanceMarkdown(state: MarkdownState, line: string): MarkdownState {
  // A fence starts with ` or ~ and a tag needs <: character tests settle most lines, diff lines above all.
  if (state.fence) return closesFence(state.fence, line) ? { ...state, fence: null } : state;
  const fence = fenceOpenedBy(line);
  if (fence) return { ...state, fence };
  if (!line.includes('<')) return state;
  const opens = line.match(/<details(?=[\s>])/gi)?.length ?? 0;
  const closes = line.match(/<\/details\s*>/gi)?.length ?? 0;
  const details = Math.max(0, state.details + opens - closes);
  return details === state.details ? state : { ...state, details };
}

export interface CutOptions {
  /** Where the reader finds what was cut, e.g. "the full plan is in the check run log". */
  hint: string;
  /** Counts "items" (e.g. resource changes) among the lines cut, to name them in the notice. */
  isItem?: (line: string) => boolean;
  /** Singular and plural, e.g. ['resource change', 'resource changes']. */
  itemNoun?: readonly [string, string];
}

function closing(state: MarkdownState, notice: string): string {
  const parts: string[] = [];
  if (state.fence) parts.push(state.fence);
  parts.push('', notice);
  for (let i = 0; i < state.details; i++) parts.push('', '</details>');
  return `\n${parts.join('\n')}`;
}

/** Items among `lines` (read from `state`), counting only lines outside code: a value cannot pass as an item. */
export function countItems(lines: readonly string[], isItem: (line: string) => boolean, state?: MarkdownState): number {
  return itemsBefore(lines, isItem, state)[lines.length]!;
}

/** `[i]`: items among the first `i` lines (read from `state`); one pass serves every cut point. */
function itemsBefore(lines: readonly string[], isItem: (line: string) => boolean, state?: MarkdownState): Uint32Array {
  const counts = new Uint32Array(lines.length + 1);
  let current: MarkdownState = state ?? { fence: null, details: 0 };
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!current.fence && isItem(line)) count += 1;
    counts[i + 1] = count;
    current = advanceMarkdown(current, line);
  }
  return counts;
}

function noticeFor(restLines: number, items: number, options: CutOptions): string {
  const [one, many] = options.itemNoun ?? ['item', 'items'];
  const itemText = items > 0 ? ` (${formatNumber(items)} ${items === 1 ? one : many})` : '';
  const lines = restLines === 1 ? 'line' : 'lines';
  return `> ✂️ **Cut here:** … ${formatNumber(restLines)} more ${lines}${itemText} not shown; ${options.hint}.`;
}

/** `text` when it fits; otherwise its longest line-aligned prefix that fits with the closing markup and notice. */
export function cutBlock(text: string, budget: number, options: CutOptions): string {
  if (text.length <= budget) return text;
  return cutSplit(text.split('\n'), budget, options);
}

/** `cutBlock(lines.join('\n'), …)` without joining what is cut: `lines` must be the text's `split('\n')`. */
export function cutLines(lines: readonly string[], budget: number, options: CutOptions): string {
  let length = lines.length - 1;
  for (const line of lines) length += line.length;
  if (length <= budget) return lines.join('\n');
  return cutSplit(lines, budget, options);
}

function cutSplit(lines: readonly string[], budget: number, options: CutOptions): string {
  let state: MarkdownState = { fence: null, details: 0 };
  let size = 0;
  let kept = 0;
  // Items after a cut point read from the state there: the total less those before it (states are one pass).
  const items = options.isItem ? itemsBefore(lines, options.isItem, state) : undefined;
  const itemsFrom = (i: number) => (items ? items[lines.length]! - items[i]! : 0);
  // The notice's length depends on what is cut; an upper bound (everything cut) keeps this one pass.
  const worstNotice = noticeFor(lines.length, itemsFrom(0), options).length + 16;
  for (const line of lines) {
    const next = advanceMarkdown(state, line);
    const tail = closing(next, '').length + worstNotice;
    if (size + line.length + 1 + tail > budget) break;
    size += line.length + 1;
    state = next;
    kept += 1;
  }
  const out =
    lines.slice(0, kept).join('\n') + closing(state, noticeFor(lines.length - kept, itemsFrom(kept), options));
  if (out.length > budget) throw new Error(`cutBlock: budget ${budget} is too small for the closing notice`);
  return out;
}
