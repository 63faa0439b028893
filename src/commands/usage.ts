// Usage text for replies: the commands available where the comment was written, as a Markdown table.
import { KINDS, kindRegistry } from '../kinds/index.js';
import { COMMANDS, type CommandSpec, type Where } from './commands.js';

const PLACE: Record<Where, string> = { pull_request: 'a pull request', issue: 'an issue' };

export const placeName = (where: Where): string => PLACE[where];

export function renderUsage(where: Where): string {
  const rows = (Object.values(COMMANDS) as CommandSpec[])
    .filter((spec) => spec.where.includes(where))
    .map((spec) => `| \`${spec.usage}\` | ${spec.description} | ${spec.access} |`);
  const notes =
    where === 'pull_request'
      ? `Stacks are ${kindRegistry.stackNamesText}.`
      : `Kinds: ${KINDS.map((k) => `\`${k}\``).join(', ')}. ` +
        'Values with spaces go in double quotes: `title="Staff Engineer"`.';
  return [
    `**Commands on ${PLACE[where]}** (the first line of a new comment):`,
    '',
    '| command | does | permission |',
    '|:--|:--|:--|',
    ...rows,
    '',
    `${notes} Commands needing \`write\` are refused to commenters without write access to the repository.`,
  ].join('\n');
}

/** A reply to a command that cannot run: one line saying what is wrong, then the usage. */
export const replyWithUsage = (problem: string, where: Where): string => `⚠️ ${problem}\n\n${renderUsage(where)}`;
