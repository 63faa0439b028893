import type { Command } from '../../commands/commands.js';
import { renderUsage } from '../../commands/usage.js';
import { inlineCode } from '../../plan/render-escape.js';
import { readSpecHeads } from '../self-service/check-change.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { onboardDraft } from '../self-service/onboard-draft.js';
import { proposeChange } from '../self-service/propose-change.js';
import { describeServiceFailure } from '../self-service/service-failure.js';
import { renderSpecYaml, specFilePath } from '../self-service/spec-file.js';
import { bulkOnboardCommand } from './bulk-onboard-command.js';
import type { CommandContext, CommandHandler } from './command-context.js';

type Onboard = Extract<Command, { name: 'onboard' }>;

/**
 * `/infra onboard email=… firstName=… lastName=… [groups=a,b]`: an OktaUser spec in a PR that closes the issue.
 * Without arguments: one spec per row of the CSV on the issue (bulk-onboard-command.ts).
 */
export const onboardCommand: CommandHandler<Onboard> = async (context, command) => {
  if ('bulk' in command) return bulkOnboardCommand(context);
  const { octokit, payload, target } = context;
  const draft = onboardDraft(command, `@${payload.sender.login}`);
  if (!draft.ok || draft.name === undefined) {
    await context.reply(`⚠️ ${draft.ok ? '' : draft.problems.join(' ')}\n\n${renderUsage('issue')}`);
    return 'refused: bad fields';
  }
  const name = draft.name;
  const base = await readDefaultBranchSpecs(octokit, target);
  const taken = base.index.get(`OktaUser/${name}`);
  const sameEmail = readSpecHeads(base.files).find(
    (head) => head.kind === 'OktaUser' && String(head.body.email ?? '').toLowerCase() === command.email.toLowerCase(),
  );
  if (taken || sameEmail) {
    const file = (sameEmail?.path ?? taken)!;
    await context.reply(
      sameEmail
        ? `⚠️ ${inlineCode(command.email)} is already onboarded: ${inlineCode(`OktaUser/${sameEmail.name}`)} in ${inlineCode(file)}.`
        : `⚠️ The name ${inlineCode(name)} is taken: ${inlineCode(`OktaUser/${name}`)} is declared in ${inlineCode(file)}. Give another \`name=…\`.`,
    );
    return 'refused: already onboarded';
  }
  const okta = await oktaNote(context, command.email);
  if (okta.failed) return 'refused: okta unavailable';
  const path = specFilePath(base.specsDir, 'OktaUser', name, new Set(base.files.map((f) => f.path)));
  const groups = command.groups.length ? ` in ${command.groups.map((g) => inlineCode(g)).join(', ')}` : '';
  return proposeChange(context, {
    base,
    request: { command: 'onboard', name },
    changes: [{ path, content: renderSpecYaml(path, 'OktaUser', name, draft.draft) }],
    title: `Onboard ${command.firstName} ${command.lastName} (OktaUser/${name})`,
    summary: `Adds the OktaUser ${inlineCode(name)} for ${inlineCode(command.email)}${groups} in ${inlineCode(path)}. Once applied, infra-bot welcomes them in Slack.${okta.note}`,
  });
};

/** When Okta is configured: does it already hold this person? A note for the PR; a failure is replied and stops. */
async function oktaNote(context: CommandContext, email: string): Promise<{ failed: boolean; note: string }> {
  const directory = context.services.directory;
  if (!directory) return { failed: false, note: '' };
  try {
    const user = await (await directory.get()).findUserByLoginOrEmail(email);
    if (!user) return { failed: false, note: '' };
    return {
      failed: false,
      note: `\n\n> ⚠️ Okta already has the user ${inlineCode(user.login)} (${user.status}) with this login or email, and no spec manages it: applying this spec fails on the duplicate login until that user is imported into the identity stack's state or removed.`,
    };
  } catch (error) {
    const text = describeServiceFailure(error, true);
    if (text === undefined) throw error;
    await context.reply(text);
    return { failed: true, note: '' };
  }
}
