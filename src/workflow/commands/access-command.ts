import { buildPersonAccess } from '../../okta/access-of.js';
import { collectPersonAccess } from '../../okta/collect-person-access.js';
import { renderPersonAccess } from '../../okta/render-access-of.js';
import { validateSpecs } from '../../specs/validate-specs.js';
import { readDefaultBranchSpecs } from '../self-service/default-branch-specs.js';
import { describeServiceFailure, oktaNotConfigured, specsNote } from '../self-service/service-failure.js';
import type { CommandHandler } from './command-context.js';

/** `/infra access <email>`: the person's Okta status, last sign-in and groups, and the AWS roles they can assume. */
export const accessCommand: CommandHandler<{ name: 'access'; email: string }> = async (context, command) => {
  const { services, octokit, target } = context;
  if (!services.directory) {
    await context.reply(oktaNotConfigured('/infra access'));
    return 'refused: okta not configured';
  }
  const base = await readDefaultBranchSpecs(octokit, target);
  const now = services.clock.now();
  const validation = validateSpecs({ files: base.files, configText: base.configText, now });
  let person;
  try {
    person = await collectPersonAccess(await services.directory.get(), command.email);
  } catch (error) {
    const text = describeServiceFailure(error, false);
    if (text === undefined) throw error;
    await context.reply(text);
    return 'failed: okta';
  }
  const access = buildPersonAccess({
    email: command.email,
    user: person.user,
    groups: person.groups,
    specs: validation.specs,
    now,
    ...(base.config.sso && { sso: base.config.sso }),
  });
  await context.reply(renderPersonAccess(access) + specsNote(validation.ok, base.branch));
  return 'access';
};
