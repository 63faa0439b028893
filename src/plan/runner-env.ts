// The child's environment: an allowlist, never the app's own environment (it holds the app's secrets).
import type { AwsCredentials } from './runner.js';

/** Variables passed through from the app's environment when present. */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  // Corporate CA bundles and provider mirrors: configuration, not secrets.
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'TF_CLI_CONFIG_FILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CA_BUNDLE',
  // OpenTofu (https://opentofu.org/docs/cli/config/environment-variables/): state/plan encryption must reach the
  // child or an encrypted setup cannot read its state; registry retries and GPG enforcement are configuration.
  // Not TF_VAR_*, TF_CLI_ARGS*, TF_WORKSPACE, TF_DATA_DIR or TF_LOG*: they would change what a plan means or
  // print provider requests (credentials included) into the captured output.
  'TF_ENCRYPTION',
  'TF_REGISTRY_DISCOVERY_RETRY',
  'TF_REGISTRY_CLIENT_TIMEOUT',
  'OPENTOFU_ENFORCE_GPG_VALIDATION',
];

/** Passed-through variables whose values are secrets: kept out of captured output like the app's own. */
const SECRET_PASS_THROUGH = ['TF_ENCRYPTION'];

/** `AWS_ENDPOINT_URL` and its per-service forms (`AWS_ENDPOINT_URL_S3`, …). */
const PASS_THROUGH_PREFIX = /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/;

/** extraEnv names whose values are redacted from output even if the caller forgot to list them as secrets. */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PRIVATE|CREDENTIAL|_KEY/i;

export interface ChildEnvInput {
  appEnv: NodeJS.ProcessEnv;
  pluginCacheDir: string;
  credentials?: AwsCredentials;
  extraEnv?: Record<string, string>;
}

export function childEnv({ appEnv, pluginCacheDir, credentials, extraEnv }: ChildEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(appEnv)) {
    if (value === undefined) continue;
    if (PASS_THROUGH.includes(name) || PASS_THROUGH_PREFIX.test(name)) env[name] = value;
  }
  Object.assign(env, extraEnv ?? {});
  if (credentials) {
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
    else delete env.AWS_SESSION_TOKEN;
  }
  env.TF_IN_AUTOMATION = '1';
  env.TF_INPUT = '0';
  env.TF_PLUGIN_CACHE_DIR = pluginCacheDir;
  return env;
}

/** Everything the runner must keep out of captured output. */
export function secretValues(req: {
  credentials?: AwsCredentials;
  extraEnv?: Record<string, string>;
  secrets?: string[];
}): string[] {
  const c = req.credentials;
  const fromEnv = Object.entries(req.extraEnv ?? {})
    .filter(([name]) => SECRET_NAME.test(name))
    .map(([, value]) => value);
  return [c?.accessKeyId, c?.secretAccessKey, c?.sessionToken, ...fromEnv, ...(req.secrets ?? [])].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

/** `passphrase = "…"` (HCL) or `"passphrase": "…"` (JSON), and the other secret-named attributes. */
const SECRET_ATTRIBUTE = /(?:passphrase|password|secret|token|key)\w*"?\s*[=:]\s*"((?:[^"\\]|\\.)*)"/gi;

/**
 * The secrets among the passed-through variables: TF_ENCRYPTION whole, and each secret-named value inside it (a
 * passphrase printed on its own would otherwise survive redaction of the whole block).
 */
export function passThroughSecrets(appEnv: Record<string, string | undefined>): string[] {
  return SECRET_PASS_THROUGH.flatMap((name) => {
    const value = appEnv[name];
    if (value === undefined || value === '') return [];
    const quoted = [...value.matchAll(SECRET_ATTRIBUTE)].map((match) => match[1] as string);
    return [value, ...quoted.filter((secret) => secret.length >= 6)];
  });
}
