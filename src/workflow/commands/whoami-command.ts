import { callerIdentity } from '../../aws/caller-identity.js';
import { AwsError } from '../../aws/aws-errors.js';
import { renderWhoami } from '../../aws/render-whoami.js';
import { defaultRepoConfig } from '../../config/repo-config-schema.js';
import { fullName } from '../job-kinds.js';
import { readRepoConfig } from '../read-config.js';
import type { CommandHandler } from './command-context.js';

/**
 * `/infra whoami`: the AWS caller identity (STS), the roles terraform assumes, the Okta org, the installation and the
 * repo config in force. Nothing secret: no token, key or credential is passed to the renderer. AWS being unreachable
 * is shown in the table; the rest is still answered.
 */
export const whoamiCommand: CommandHandler<{ name: 'whoami' }> = async (context) => {
  const { services, octokit, payload, target } = context;
  const loaded = await readRepoConfig(octokit, target);
  const config = loaded.ok ? loaded.config : defaultRepoConfig();
  let identity: Parameters<typeof renderWhoami>[0]['identity'] = { error: 'no AWS client in this deployment' };
  try {
    if (services.aws) identity = await callerIdentity((await services.aws()).sts);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    identity = { error: error.message };
  }
  const body = renderWhoami({
    identity,
    ...(config.terraform.roleArn && { runnerRoleArn: config.terraform.roleArn }),
    ...(config.terraform.planRoleArn && { planRoleArn: config.terraform.planRoleArn }),
    ...(services.directory && { oktaOrgUrl: services.directory.orgUrl }),
    installationId: payload.installationId,
    repository: fullName(target),
    config,
  });
  const invalid = loaded.ok
    ? ''
    : '\n> ⚠️ `.github/infra.yml` does not validate: the defaults are shown, and pull requests get its problems in their check.\n';
  await context.reply(`${body}${invalid}`);
  return 'whoami';
};
