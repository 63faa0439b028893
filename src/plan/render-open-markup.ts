// What Markdown is open before a line: the code fence (with its opening line, so a continuation can reopen it with
// the same info string) and each <details> with its <summary>, outermost first. Lets a block continue in another
// comment: close what is open at the end of one part, reopen the same at the start of the next.
import { closesFence, fenceOpenedBy } from './render-cut-block.js';

export interface OpenMarkup {
  /** The open fence (e.g. "```"), or null outside code. */
  fence: string | null;
  /** The line that opened it, e.g. "```diff". */
  fenceLine: string | null;
  /** Open <details>, outermost first: the inner HTML of each one's <summary>, undefined until it is seen. */
  details: readonly (string | undefined)[];
}

/** Longest <summary> repeated at the top of a continuation; keeps the reopening markup within the line slack. */
const MAX_REPEATED_SUMMARY = 200;

export const NOTHING_OPEN: OpenMarkup = { fence: null, fenceLine: null, details: [] };

const TAGS = /<details(?=[\s>])|<\/details\s*>|<summary>(.*?)<\/summary>/gi;

/** The state after `line`; returns `state` itself when nothing changed, so long runs of lines share one object. */
export function advanceOpenMarkup(state: OpenMarkup, line: string): OpenMarkup {
  // Most lines open no fence and hold no tag: character tests settle them (this runs once per line of a plan).
  if (state.fence) return closesFence(state.fence, line) ? { ...state, fence: null, fenceLine: null } : state;
  const fence = fenceOpenedBy(line);
  if (fence) return { ...state, fence, fenceLine: line.trimStart() };
  if (!line.includes('<') || !/<\/?(details|summary)/i.test(line)) return state;
  const details = [...state.details];
  for (const m of line.matchAll(TAGS)) {
    const tag = m[0].toLowerCase();
    if (tag.startsWith('<details')) details.push(undefined);
    else if (tag.startsWith('</details')) details.pop();
    else if (details.length && details[details.length - 1] === undefined) details[details.length - 1] = m[1] ?? '';
  }
  return { ...state, details };
}

/** Markup that closes everything open, to end a part (starts with a newline). */
export function closeOpenMarkup(state: OpenMarkup): string {
  let out = state.fence ? `\n${state.fence}` : '';
  for (let i = 0; i < state.details.length; i++) out += '\n\n</details>';
  return out;
}

/** `closeOpenMarkup(state).length`, without building the string (asked once per line laid out). */
export function closingLength(state: OpenMarkup): number {
  return (state.fence ? state.fence.length + 1 : 0) + state.details.length * '\n\n</details>'.length;
}

/** Markup that reopens what was open, to start the next part (ends with a newline). */
export function reopenMarkup(state: OpenMarkup, fromPart: number): string {
  let out = '';
  for (const summary of state.details) {
    // a summary too long to repeat (HTML cannot be shortened safely) gives way to the bare note
    const repeat = summary && summary.length <= MAX_REPEATED_SUMMARY ? `${summary} ` : '';
    const label = `${repeat}(continued from part ${fromPart})`;
    out += `<details open>\n<summary>${label}</summary>\n\n`;
  }
  if (state.fenceLine) out += `${state.fenceLine}\n`;
  return out;
}

/** The state before each line, and after the last (length `lines.length + 1`). */
export function openMarkupBefore(lines: readonly string[]): OpenMarkup[] {
  const states: OpenMarkup[] = [NOTHING_OPEN];
  for (const line of lines) states.push(advanceOpenMarkup(states[states.length - 1]!, line));
  return states;
}
