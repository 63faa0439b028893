import type { RepoConfig } from '../config/repo-config-schema.js';
import { parseDuration } from '../specs/duration.js';
import type { AwsCredentials } from '../plan/runner.js';
import type { Deps } from './services.js';

export type RunSetupDeps = Deps<'terraformEnv' | 'secrets' | 'credentials'>;
import { kindRegistry } from '../kinds/index.js';

const MIN_SESSION_SECONDS = 900;
// Role chaining caps sessions at one hour; a run must not outlive its credentials (the runner checks that too).
const MAX_SESSION_SECONDS = 3600;
const MARGIN_SECONDS = 300;

export interface RunSetup {
  credentials?: AwsCredentials;
  extraEnv: Record<string, string>;
  timeoutMs: number;
  secrets: string[];
}

/** Credentials and environment for one terraform run of one stack (plan: the read-only role when configured). */
export async function terraformRunSetup(
  services: RunSetupDeps,
  config: RepoConfig,
  input: { stack: string; purpose: 'plan' | 'apply'; sessionName: string },
): Promise<RunSetup> {
  const timeoutMs = parseDuration(config.terraform.timeout) ?? 30 * 60_000;
  const roleArn =
    input.purpose === 'plan' ? (config.terraform.planRoleArn ?? config.terraform.roleArn) : config.terraform.roleArn;
  const extraEnv: Record<string, string> = {
    ...(kindRegistry.isOktaStack(input.stack) ? services.terraformEnv.okta : {}),
  };
  let credentials: AwsCredentials | undefined;
  if (config.terraform.runner === 'actions') {
    // The workflow gets its own credentials through GitHub's OIDC; nothing is passed from the app.
    return { extraEnv: {}, timeoutMs, secrets: services.secrets };
  }
  if (roleArn && services.credentials) {
    const durationSeconds = Math.min(
      MAX_SESSION_SECONDS,
      Math.max(MIN_SESSION_SECONDS, Math.ceil(timeoutMs / 1000) + MARGIN_SECONDS),
    );
    credentials = await services.credentials.forRun({ roleArn, sessionName: input.sessionName, durationSeconds });
  } else {
    // No role configured: the default credential chain of the app's own environment.
    Object.assign(extraEnv, services.terraformEnv.aws);
  }
  return { ...(credentials && { credentials }), extraEnv, timeoutMs, secrets: services.secrets };
}
