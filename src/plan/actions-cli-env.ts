// The environment terraform gets when the CLI runs it inside the workflow, and what must be redacted from its output.
import { ambientAwsEnv } from '../app/terraform-env.js';
import { parseDuration } from '../specs/duration.js';
import { SECRET_NAME } from './runner-env.js';
import { kindRegistry } from '../kinds/index.js';

/** The okta provider's settings, passed to the identity stack only (the workflow maps them from secrets/variables). */
const OKTA_PROVIDER = [
  'OKTA_ORG_NAME',
  'OKTA_BASE_URL',
  'OKTA_API_TOKEN',
  'OKTA_API_CLIENT_ID',
  'OKTA_API_PRIVATE_KEY',
  'OKTA_API_PRIVATE_KEY_ID',
  'OKTA_API_SCOPES',
];

/** Shorter values would redact ordinary text ("1", "true"). */
const MIN_SECRET_LENGTH = 6;

export interface CliTerraformEnv {
  extraEnv: Record<string, string>;
  secrets: string[];
}

/**
 * Ambient AWS credentials (from OIDC: configure-aws-credentials exports them) for every stack, Okta settings for the
 * identity stack. Every variable of the CLI's own environment whose name looks secret is redacted, whether or not
 * terraform gets it (the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN, for one, never reaches terraform).
 */
export function cliTerraformEnv(env: Record<string, string | undefined>, stack: string): CliTerraformEnv {
  const extraEnv = ambientAwsEnv(env);
  if (kindRegistry.isOktaStack(stack)) {
    for (const name of OKTA_PROVIDER) if (env[name]) extraEnv[name] = env[name];
  }
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string);
  return { extraEnv, secrets };
}

/**
 * How long terraform may run: --timeout or the repo's terraform.timeout, cut short by --not-after (the time the app
 * stops waiting for this run). Zero or less: the run must not start. Throws RangeError for unreadable values.
 */
export function cliTimeoutMs(
  now: Date,
  configTimeout: string,
  options: { timeout?: string; notAfter?: string },
): number {
  const text = options.timeout ?? configTimeout;
  const timeoutMs = parseDuration(text);
  if (timeoutMs === undefined) throw new RangeError(`"${text}" is not a duration like 30m or 1h`);
  if (options.notAfter === undefined) return timeoutMs;
  const notAfter = Date.parse(options.notAfter);
  if (Number.isNaN(notAfter)) throw new RangeError(`--not-after "${options.notAfter}" is not an ISO time`);
  return Math.min(timeoutMs, notAfter - now.getTime());
}
