// Comment text → what to do: ignore it, reply (bad command, with usage), or run a command. Pure; nothing here
// reaches a shell, and every argument is checked by its command's parser. Edited comments are the caller's filter.
import { quote } from './arguments.js';
import { COMMANDS, isCommandName, type Command, type CommandName, type Where } from './commands.js';
import { ARGUMENT_PARSERS } from './parse-arguments.js';
import { tokenize } from './tokenize.js';
import { placeName, replyWithUsage } from './usage.js';

export type ParseResult =
  { type: 'ignore' } | { type: 'reply'; message: string } | { type: 'command'; command: Command };

export interface CommentInput {
  body: string;
  where: Where;
  sender: { login: string; type: string };
}

export const MAX_LINE_LENGTH = 2_000;
export const MAX_ARGUMENTS = 50;

const IGNORE: ParseResult = { type: 'ignore' };
const PREFIX = /^\/infra(?=\s|$)/;

/** The app itself and every other bot: never act on (or answer) their comments. */
export const isBot = (sender: CommentInput['sender']): boolean =>
  sender.type === 'Bot' || sender.login.toLowerCase().endsWith('[bot]');

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function suggestion(word: string, where: Where): string {
  const names = (Object.keys(COMMANDS) as CommandName[]).filter((n) => COMMANDS[n].where.some((w) => w === where));
  const best = names
    .map((n) => [n, editDistance(word, n)] as const)
    .sort((a, b) => a[1] - b[1])
    .find(([, d]) => d <= 2);
  return best ? ` Did you mean \`${best[0]}\`?` : '';
}

export function parseCommand(input: CommentInput): ParseResult {
  if (isBot(input.sender)) return IGNORE;
  const firstLine = (input.body.startsWith('\uFEFF') ? input.body.slice(1) : input.body).split('\n', 1)[0]!;
  const line = firstLine.replace(/\r+$/, '');
  if (!PREFIX.test(line)) return IGNORE;
  const reply = (problem: string): ParseResult => ({ type: 'reply', message: replyWithUsage(problem, input.where) });

  if (line.length > MAX_LINE_LENGTH) return reply(`The command line is longer than ${MAX_LINE_LENGTH} characters.`);
  const tokenized = tokenize(line.slice('/infra'.length));
  if (!tokenized.ok) return reply(`The command has an ${tokenized.problem}.`);
  const [first, ...args] = tokenized.tokens;
  if (!first) return reply('No command given.');

  const word = first.text.toLowerCase();
  if (first.quoted || first.key !== undefined || !isCommandName(word)) {
    return reply(`Unknown command ${quote(first.raw)}.${first.quoted ? '' : suggestion(word, input.where)}`);
  }
  const spec = COMMANDS[word];
  if (!spec.where.some((w) => w === input.where)) {
    const places = spec.where.map(placeName).join(' or ');
    return reply(`\`/infra ${word}\` works on ${places}, not on ${placeName(input.where)}.`);
  }
  if (args.length > MAX_ARGUMENTS) return reply(`Too many arguments (at most ${MAX_ARGUMENTS}).`);
  const parsed = ARGUMENT_PARSERS[word](args);
  return parsed.ok ? { type: 'command', command: parsed.value } : reply(parsed.problem);
}
