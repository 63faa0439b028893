import { renderUsage } from '../../commands/usage.js';
import { getIssue } from '../../github/issues.js';
import { apiBaseUrl } from '../../github/repos.js';
import { MAX_COMMENT_LENGTH } from '../../github/comments.js';
import { inlineCode } from '../../plan/render-escape.js';
import { bulkOnboard } from '../self-service/bulk-onboard.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { AttachmentError, fetchAttachment } from '../self-service/fetch-attachment.js';
import { findCsvSources, webOriginOf, type CsvSource } from '../self-service/issue-csv.js';
import { proposeChange } from '../self-service/propose-change.js';
import type { CommandContext } from './command-context.js';

/**
 * `/infra onboard` with no arguments: bulk onboarding from the CSV attached to (or pasted into) the issue.
 *  1. find exactly one CSV in the command's comment, else in the issue description (attachments on this GitHub host
 *     only, or a pasted ```csv block) and read it;
 *  2. preflight every row; any bad row → one reply listing all of them as `<file>:<line>: message`, nothing written;
 *  3. one PR with one OktaUser spec per person.
 */
export async function bulkOnboardCommand(context: CommandContext): Promise<string> {
  const { octokit, payload, target } = context;
  const webOrigin = webOriginOf(apiBaseUrl(octokit));
  // A CSV in the command's own comment wins; otherwise the issue description's.
  let found = findCsvSources(payload.body, webOrigin);
  if (found.sources.length === 0) {
    const issue = await getIssue(octokit, { ...target, issue_number: payload.number });
    const inIssue = findCsvSources(issue.body, webOrigin);
    found = { sources: inIssue.sources, refused: [...found.refused, ...inIssue.refused] };
  }
  if (found.sources.length !== 1) {
    await context.reply(noSingleCsv(found.sources, found.refused, webOrigin));
    return found.sources.length ? 'refused: several CSVs' : 'refused: no CSV';
  }
  const source = found.sources[0]!;
  let csvText: string;
  try {
    csvText = source.kind === 'inline' ? source.text : await download(context, source.url, webOrigin);
  } catch (error) {
    if (!(error instanceof AttachmentError)) throw error;
    await context.reply(
      `⚠️ The CSV ${inlineCode(source.name)} could not be read: ${error.message}. Nothing was written; pasting the CSV in a \`\`\`csv block in the issue description works too.`,
    );
    return 'refused: CSV unreadable';
  }
  const base = await readDefaultBranchSpecs(octokit, target);
  const result = bulkOnboard({
    csvName: source.name,
    csvText,
    files: base.files,
    configText: base.configText,
    specsDir: base.specsDir,
    owner: `@${payload.sender.login}`,
    now: context.services.clock.now(),
  });
  if (!result.ok) {
    for (const part of problemReplies(source.name, result.problems)) await context.reply(part);
    return `refused: ${result.problems.length} bad row(s)`;
  }
  const people = result.files.map((f) => `- ${inlineCode(f.name)} (${inlineCode(f.email)}) in ${inlineCode(f.path)}`);
  return proposeChange(context, {
    base,
    request: { command: 'onboard', name: 'csv' },
    changes: result.files.map((f) => ({ path: f.path, content: f.content })),
    title: `Onboard ${result.files.length} ${result.files.length === 1 ? 'person' : 'people'} from ${source.name}`,
    summary: `Adds one OktaUser spec per row of ${inlineCode(source.name)}:\n\n${people.join('\n')}`,
  });
}

async function download(context: CommandContext, url: string, webOrigin: string): Promise<string> {
  const auth = (await context.octokit.auth({ type: 'installation' })) as { token?: string };
  return fetchAttachment({ url, webOrigin, token: auth.token ?? '' });
}

function noSingleCsv(sources: readonly CsvSource[], refused: readonly string[], webOrigin: string): string {
  if (sources.length > 1) {
    return `⚠️ This issue holds ${sources.length} CSVs (${sources.map((s) => inlineCode(s.name)).join(', ')}); keep exactly one for \`/infra onboard\`.`;
  }
  const elsewhere = refused.length
    ? ` Links elsewhere are never downloaded: ${refused
        .slice(0, 5)
        .map((u) => inlineCode(u))
        .join(', ')} (only files attached to issues on ${webOrigin}).`
    : '';
  return `⚠️ \`/infra onboard\` without arguments reads a CSV from this issue, but there is none: attach \`users.csv\` (columns \`email,firstName,lastName,groups\`, optional \`name\` and spec fields such as \`title\`) or paste it in a \`\`\`csv block in the issue description.${elsewhere}\n\n${renderUsage('issue')}`;
}

/** Every bad row, in as many comments as it takes (never cut). */
export function problemReplies(csvName: string, problems: readonly string[]): string[] {
  const head = `⚠️ ${inlineCode(csvName)} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written. Fix these rows and comment \`/infra onboard\` again:`;
  const budget = MAX_COMMENT_LENGTH - 500;
  const parts: string[][] = [[]];
  let size = 0;
  for (const problem of problems) {
    const line = problem.replace(/`/g, "'");
    if (size + line.length + 1 > budget && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1]!.push(line);
    size += line.length + 1;
  }
  return parts.map(
    (lines, i) =>
      `${i === 0 ? head : `(continued, part ${i + 1} of ${parts.length})`}\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\``,
  );
}
