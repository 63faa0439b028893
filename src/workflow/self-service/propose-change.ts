import { renderUsage } from '../../commands/usage.js';
import { fenceFor, inlineCode } from '../../plan/render-escape.js';
import type { CommandContext } from '../commands/command-context.js';
import type { CheckedChange, FileChange } from './check-change.js';
import { checkChange, diagnosticsBlock } from './check-change.js';
import type { DefaultBranchSpecs } from './default-branch-specs.js';
import { openRequestPull, type RequestPull } from './open-request-pull.js';
import type { RequestKey } from './request-branch.js';

export interface Proposal {
  base: DefaultBranchSpecs;
  /** `command` and `name` of the request; the rest comes from the context. */
  request: Pick<RequestKey, 'command' | 'name'>;
  changes: FileChange[];
  title: string;
  /** What the PR does, in Markdown; the requester and `Closes #…` are added. */
  summary: string;
}

/**
 * The common end of every writing issue command:
 *  1. validate the change with the pull-request validator against the default branch: problems → a reply with the
 *     diagnostics, the YAML that would have been written and the usage; no branch;
 *  2. open (or find) the request's PR, and say so on the issue.
 */
export async function proposeChange(context: CommandContext, proposal: Proposal): Promise<string> {
  const { services, octokit, payload, target } = context;
  const checked = checkChange({
    files: proposal.base.files,
    configText: proposal.base.configText,
    changes: proposal.changes,
    now: services.clock.now(),
  });
  if (!checked.ok) {
    await context.reply(invalidReply(proposal.changes, checked));
    return 'refused: invalid spec';
  }
  const key: RequestKey = { ...target, issue: payload.number, ...proposal.request };
  const requester = `@${payload.sender.login}`;
  const pull = await openRequestPull(services, octokit, {
    installationId: payload.installationId,
    key,
    base: { branch: proposal.base.branch, sha: proposal.base.sha },
    files: proposal.changes,
    title: proposal.title,
    body: `${proposal.summary}\n\nRequested by ${requester} in #${payload.number} with \`/infra ${key.command}\`.`,
    commitSubject: proposal.title,
    commitBody: `Requested by ${requester} in #${payload.number}.`,
  });
  await context.reply(pullReply(pull, proposal.changes));
  return pull.created ? `opened #${pull.number}` : `already open: #${pull.number}`;
}

function pullReply(pull: RequestPull, changes: readonly FileChange[]): string {
  if (!pull.created) {
    return `↩️ ${pull.htmlUrl} already proposes this (branch ${inlineCode(pull.branch)}). Re-running the command does not open another pull request; push to that branch to change it, or close it and comment again.`;
  }
  const files = changes.map((c) => inlineCode(c.path));
  const listed =
    files.length <= 10 ? files.join(', ') : `${files.slice(0, 10).join(', ')} and ${files.length - 10} more`;
  return `📝 Opened ${pull.htmlUrl} with ${listed}. It is validated and planned like any pull request; once approved and merged, infra-bot applies it, and merging closes this issue.`;
}

function invalidReply(changes: readonly FileChange[], checked: CheckedChange): string {
  const written = changes.filter((c) => c.content !== null).slice(0, 3);
  const preview = written
    .map((c) => {
      const fence = fenceFor(c.content!);
      return `<details><summary>${c.path}</summary>\n\n${fence}yaml\n${c.content!.trimEnd()}\n${fence}\n\n</details>`;
    })
    .join('\n');
  return [
    '⚠️ This would not be a valid spec, so no branch or pull request was made:',
    '',
    diagnosticsBlock(checked.diagnostics.filter((d) => d.severity === 'error')),
    '',
    preview,
    '',
    renderUsage('issue'),
  ].join('\n');
}
