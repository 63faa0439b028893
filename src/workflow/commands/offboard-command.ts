import type { Command } from '../../commands/commands.js';
import { inlineCode } from '../../plan/render-escape.js';
import { closest } from '../../specs/suggest.js';
import { readSpecHeads } from '../self-service/check-change.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { editSpecYaml } from '../self-service/edit-spec-yaml.js';
import { proposeChange } from '../self-service/propose-change.js';
import type { CommandHandler } from './command-context.js';

const ORDER = ['ACTIVE', 'SUSPENDED', 'DEPROVISIONED'];

/**
 * `/infra offboard <user-name> [--deprovision]`: a PR that sets the OktaUser spec's status to SUSPENDED (reversible:
 * the account and its groups stay, sign-in stops) or DEPROVISIONED. Applying it posts a notice in Slack.
 */
export const offboardCommand: CommandHandler<Extract<Command, { name: 'offboard' }>> = async (context, command) => {
  const { octokit, target } = context;
  const status = command.deprovision ? 'DEPROVISIONED' : 'SUSPENDED';
  const base = await readDefaultBranchSpecs(octokit, target);
  const users = readSpecHeads(base.files).filter((head) => head.kind === 'OktaUser');
  const user = users.find((head) => head.name === command.user);
  if (!user) {
    const hint = closest(
      command.user,
      users.map((u) => u.name),
    );
    await context.reply(
      `⚠️ No OktaUser spec is named ${inlineCode(command.user)} on ${inlineCode(base.branch)}${hint ? `; did you mean ${inlineCode(hint)}?` : '.'} \`/infra offboard\` takes the spec's \`metadata.name\`, not the email.`,
    );
    return 'refused: unknown user';
  }
  const current = typeof user.body.status === 'string' ? user.body.status : 'ACTIVE';
  if (ORDER.indexOf(current) >= ORDER.indexOf(status)) {
    await context.reply(
      `ℹ️ ${inlineCode(`OktaUser/${user.name}`)} is already ${current} in ${inlineCode(user.path)}: nothing to change.`,
    );
    return `refused: already ${current}`;
  }
  const content = base.files.find((file) => file.path === user.path)!.content;
  const edited = editSpecYaml(content, [{ path: ['spec', 'status'], value: status }]);
  if (!edited.ok) {
    await context.reply(`⚠️ ${inlineCode(user.path)} cannot be edited: ${edited.problem}.`);
    return 'refused: unreadable spec';
  }
  const effect =
    status === 'SUSPENDED'
      ? 'Suspended users cannot sign in (so they can assume no AWS role); the account and its groups are kept, and setting the status back to ACTIVE restores it.'
      : 'Deprovisioning deactivates the account for good: sign-in, group access and app assignments end.';
  return proposeChange(context, {
    base,
    request: { command: 'offboard', name: user.name },
    changes: [{ path: user.path, content: edited.text }],
    title: `Offboard OktaUser/${user.name} (${status})`,
    summary: `Sets ${inlineCode(`OktaUser/${user.name}`)} in ${inlineCode(user.path)} from ${current} to **${status}**. ${effect}`,
  });
};
