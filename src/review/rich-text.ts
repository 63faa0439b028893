// The summary's wording is built once as runs of styled text, then written as GitHub Markdown or Slack mrkdwn, each
// with its own escaping: user-written names can neither open markup nor mention anyone.
import { escapeMarkdown, inlineCode } from '../plan/render-escape.js';

export interface Run {
  text: string;
  style?: 'code' | 'strong' | 'em';
}
export type Line = Run[];

export const plain = (text: string): Run => ({ text });
export const code = (text: string): Run => ({ text, style: 'code' });
export const strong = (text: string): Run => ({ text, style: 'strong' });
export const em = (text: string): Run => ({ text, style: 'em' });

/** `a, b and c`, each item a run list; the joiners are plain text. */
export function joinRuns(items: readonly Line[], last = ' and '): Line {
  const out: Line = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(plain(i === items.length - 1 ? last : ', '));
    out.push(...item);
  });
  return out;
}

/** Up to `max` items, then "and N more". */
export function listRuns(items: readonly Line[], max: number): Line {
  if (items.length <= max) return joinRuns(items);
  return [...joinRuns(items.slice(0, max), ', '), plain(` and ${items.length - max} more`)];
}

/** Escaped as inline text: only a line's first run can open a block (list, heading), so only it is guarded so. */
const escapeInline = (text: string, atLineStart: boolean) =>
  atLineStart ? escapeMarkdown(text) : escapeMarkdown(`x${text}`).slice(1);

/** `inline`: the text does not start a line (a table cell), so no run can open a block. */
export function toMarkdown(line: Line, inline = false): string {
  return line
    .map(({ text, style }, i) => {
      if (style === 'code') return inlineCode(text);
      const escaped = escapeInline(text, i === 0 && !inline);
      if (!style || escaped.trim() === '') return escaped;
      return style === 'strong' ? `**${escaped}**` : `_${escaped}_`;
    })
    .join('');
}

/** Slack mrkdwn: only `&`, `<` and `>` are special (links, mentions); formatting characters are neutralised in styles. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toSlack(line: Line): string {
  return line
    .map(({ text, style }) => {
      const flat = slackEscape(text.replace(/\s+/g, ' '));
      if (!style || flat.trim() === '') return flat;
      if (style === 'code') return `\`${flat.replace(/`/g, 'ˋ')}\``;
      const mark = style === 'strong' ? '*' : '_';
      return `${mark}${flat.split(mark).join(' ')}${mark}`;
    })
    .join('');
}
