import type { Env } from '../config/env.js';

// Ambient AWS settings a terraform child may use when no role is configured (the default credential chain).
const AMBIENT_AWS = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
];

/** What the okta terraform provider needs, from OKTA_ORG_URL and the app's Okta credentials. */
export function oktaProviderEnv(env: Env): Record<string, string> {
  if (!env.OKTA_ORG_URL) return {};
  const host = new URL(env.OKTA_ORG_URL).hostname;
  const [org, ...domain] = host.split('.');
  const result: Record<string, string> = { OKTA_ORG_NAME: org ?? host, OKTA_BASE_URL: domain.join('.') || host };
  if (env.OKTA_API_TOKEN) result.OKTA_API_TOKEN = env.OKTA_API_TOKEN;
  if (env.OKTA_CLIENT_ID && env.OKTA_PRIVATE_KEY) {
    result.OKTA_API_CLIENT_ID = env.OKTA_CLIENT_ID;
    result.OKTA_API_PRIVATE_KEY = env.OKTA_PRIVATE_KEY;
    result.OKTA_API_SCOPES = 'okta.users.manage,okta.groups.manage,okta.apps.manage';
  }
  return result;
}

export function ambientAwsEnv(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(AMBIENT_AWS.flatMap((name) => (raw[name] ? [[name, raw[name]]] : [])));
}

/** Every secret value the app holds: redacted from terraform output and never rendered. */
export function appSecrets(env: Env, raw: Record<string, string | undefined>): string[] {
  const values = [
    env.WEBHOOK_SECRET,
    env.PRIVATE_KEY,
    env.SLACK_BOT_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.OKTA_API_TOKEN,
    env.OKTA_PRIVATE_KEY,
    raw.AWS_SECRET_ACCESS_KEY,
    raw.AWS_SESSION_TOKEN,
    env.DATABASE_URL ? passwordOf(env.DATABASE_URL) : undefined,
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
