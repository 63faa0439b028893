// Slack mrkdwn for text we did not write (PR titles, logins, stack names). Slack only treats `&`, `<` and `>` as
// control characters (https://docs.slack.dev/messaging/formatting-message-text#escaping): escaping them is what keeps
// a title such as "<!channel> deploy" from pinging a channel or smuggling in a link.

export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A link whose label is shown as text; `|` and `>` in the URL would end the link early, so they are encoded. */
export const mrkdwnLink = (url: string, label: string): string =>
  `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${escapeMrkdwn(label.replace(/\s+/g, ' '))}>`;

/** A code span for identifiers (stack names, logins); backticks inside would end it, so they become quotes. */
export const mrkdwnCode = (text: string): string => `\`${escapeMrkdwn(text.replace(/`/g, "'").replace(/\s+/g, ' '))}\``;

/** Cuts text to `max` characters with an ellipsis (never between the halves of a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

export const shortSha = (sha: string): string => sha.slice(0, 7);

/** `2030-01-01 09:30 UTC`: the fallback text, and what a snapshot pins. */
export const utcMinutes = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A time every reader sees in their own time zone (Slack's date formatting), with a UTC fallback. */
export const slackDate = (date: Date): string =>
  `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${utcMinutes(date)}>`;

/** `<@U123>` for a Slack user id, the escaped name otherwise. */
export const mention = (who: { slackId?: string; name: string }): string =>
  who.slackId !== undefined && /^[UW][A-Z0-9]+$/.test(who.slackId) ? `<@${who.slackId}>` : escapeMrkdwn(who.name);

/** "a", "a and b", "a, b and c" */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
