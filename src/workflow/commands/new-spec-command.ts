import type { Command } from '../../commands/commands.js';
import { renderUsage } from '../../commands/usage.js';
import { inlineCode } from '../../plan/render-escape.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { proposeChange } from '../self-service/propose-change.js';
import { renderSpecYaml, specFilePath } from '../self-service/spec-file.js';
import { draftSpec } from '../self-service/spec-fields.js';
import type { CommandHandler } from './command-context.js';

/**
 * `/infra new <Kind> name=<name> key=value…`: the arguments become the spec (dotted keys nest, list fields split
 * on commas), validated like a pull request, then proposed in a PR that closes the issue.
 */
export const newSpecCommand: CommandHandler<Extract<Command, { name: 'new' }>> = async (context, command) => {
  const { octokit, payload, target } = context;
  const { kind, specName } = command;
  const draft = draftSpec(kind, command.fields, { metadata: { owner: `@${payload.sender.login}` } });
  if (!draft.ok) {
    await context.reply(`⚠️ ${draft.problems.join(' ')}\n\n${renderUsage('issue')}`);
    return 'refused: bad fields';
  }
  const base = await readDefaultBranchSpecs(octokit, target);
  const existing = base.index.get(`${kind}/${specName}`);
  if (existing) {
    await context.reply(
      `⚠️ The name ${inlineCode(specName)} is taken: ${inlineCode(`${kind}/${specName}`)} is already declared in ${inlineCode(existing)} on ${inlineCode(base.branch)}. Pick another \`name=\`, or edit that file in a pull request.`,
    );
    return 'refused: name taken';
  }
  const path = specFilePath(base.specsDir, kind, specName, new Set(base.files.map((f) => f.path)));
  return proposeChange(context, {
    base,
    request: { command: 'new', name: specName },
    changes: [{ path, content: renderSpecYaml(path, kind, specName, draft.draft) }],
    title: `Add ${kind}/${specName}`,
    summary: `Adds the ${kind} spec ${inlineCode(specName)} in ${inlineCode(path)}.`,
  });
};
