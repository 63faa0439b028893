import { z } from 'zod';

// The environment variables read by the SDKs, the logger and the terraform child rather than by infra-bot's own
// code: parsed at start-up like the others, so that a malformed one stops start-up with a line naming it instead
// of failing at the first AWS call or terraform run. README "Environment" documents each.

const optionalText = z.string().trim().min(1).optional();

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
      error: `${name} must be an http(s) URL`,
    });

const region = (name: string) =>
  z
    .string()
    .regex(/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/, { error: `${name} must be an AWS region such as us-east-1` })
    .optional();

const wholeNumber = (name: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { error: `${name} must be a whole number` })
    .optional();

const trueOrFalse = (name: string) => z.enum(['true', 'false'], { error: `${name} must be true or false` }).optional();

/** The AWS SDK's default credential chain and settings (also handed to terraform when no role is configured). */
export const awsEnvShape = {
  AWS_REGION: region('AWS_REGION'),
  AWS_DEFAULT_REGION: region('AWS_DEFAULT_REGION'),
  AWS_PROFILE: optionalText,
  AWS_ACCESS_KEY_ID: z
    .string()
    .regex(/^[A-Z0-9]{16,128}$/, { error: 'AWS_ACCESS_KEY_ID must be an access key id (16–128 capitals and digits)' })
    .optional(),
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  AWS_ROLE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, { error: 'AWS_ROLE_ARN must be an IAM role ARN' })
    .optional(),
  AWS_WEB_IDENTITY_TOKEN_FILE: optionalText,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: httpUrl('AWS_CONTAINER_CREDENTIALS_FULL_URI').optional(),
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: z
    .string()
    .regex(/^\/\S*$/, { error: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path starting with /' })
    .optional(),
  AWS_CONTAINER_AUTHORIZATION_TOKEN: optionalText,
  AWS_SHARED_CREDENTIALS_FILE: optionalText,
  AWS_CONFIG_FILE: optionalText,
  AWS_CA_BUNDLE: optionalText,
};

/** `AWS_ENDPOINT_URL` and its per-service forms (`AWS_ENDPOINT_URL_STS`, …): a family, checked by name pattern. */
export const AWS_ENDPOINT_URL_NAME = /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/;
export const awsEndpointUrl = (name: string) => httpUrl(name);

/** Probot's logger settings, which infra-bot applies itself (src/logging/logger-env.ts), and the store's driver. */
export const runtimeEnvShape = {
  NODE_ENV: optionalText,
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'LOG_FORMAT must be json or pretty' }).optional(),
  LOG_LEVEL_IN_STRING: trueOrFalse('LOG_LEVEL_IN_STRING'),
  LOG_MESSAGE_KEY: optionalText,
  SENTRY_DSN: httpUrl('SENTRY_DSN').optional(),
  INFRA_BOT_SQLITE_DRIVER: z
    .enum(['node:sqlite', 'better-sqlite3'], { error: 'INFRA_BOT_SQLITE_DRIVER must be node:sqlite or better-sqlite3' })
    .optional(),
};

/** Passed through to the terraform/tofu child (src/plan/runner-env.ts), besides PATH, HOME, TMPDIR, LANG, LC_ALL. */
export const terraformChildEnvShape = {
  HTTP_PROXY: optionalText,
  HTTPS_PROXY: optionalText,
  NO_PROXY: optionalText,
  http_proxy: optionalText,
  https_proxy: optionalText,
  no_proxy: optionalText,
  SSL_CERT_FILE: optionalText,
  SSL_CERT_DIR: optionalText,
  TF_CLI_CONFIG_FILE: optionalText,
  TF_ENCRYPTION: optionalText,
  TF_REGISTRY_DISCOVERY_RETRY: wholeNumber('TF_REGISTRY_DISCOVERY_RETRY'),
  TF_REGISTRY_CLIENT_TIMEOUT: wholeNumber('TF_REGISTRY_CLIENT_TIMEOUT'),
  OPENTOFU_ENFORCE_GPG_VALIDATION: trueOrFalse('OPENTOFU_ENFORCE_GPG_VALIDATION'),
};
