// Escaping for text from users and Terraform that lands in Markdown/HTML: it must render as text, never as markup
// (a value holding ``` or </details> must not end our block).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text inside HTML elements (`<summary>`), where Markdown is not parsed. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Longest run of the one-unit `char` in `text`, jumping between occurrences (this scans every diff block). */
const longestRun = (text: string, char: string): number => {
  let longest = 0;
  let at = text.indexOf(char);
  while (at !== -1) {
    let end = at + 1;
    while (end < text.length && text[end] === char) end++;
    if (end - at > longest) longest = end - at;
    at = text.indexOf(char, end);
  }
  return longest;
};

/** A code span that shows `text` literally, whatever backticks it holds (CommonMark: a longer delimiter). */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.trim() === '' ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** The opening/closing fence for a code block holding `content`: longer than any backtick run inside it. */
export const fenceFor = (content: string): string => '`'.repeat(Math.max(3, longestRun(content, '`') + 1));

/**
 * Plain text in a Markdown paragraph: characters that could open markup are backslash-escaped, a line start that
 * could open a block (heading, list, quote) is neutralised, and `@` cannot mention anyone.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_{}[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/^(\s*)(#|\+|-|=|\d+(?=[.)]))/, (_m, space: string, lead: string) =>
      /^\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`,
    );

/** Cuts a long value for display, saying how much was left out (never splits a surrogate pair). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${formatNumber(text.length - end)} more characters)`;
}

/** One formatter for every count: `toLocaleString` builds a new one per call (what it returns is the same). */
const EN_US = new Intl.NumberFormat('en-US');

/** Counts below 1,000 have no separator: their text is String(n), far cheaper than any formatter. */
export const formatNumber = (n: number): string =>
  Number.isInteger(n) && n > 0 && n < 1000 ? String(n) : EN_US.format(n);
