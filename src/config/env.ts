import { z } from 'zod';
import {
  AWS_ENDPOINT_URL_NAME,
  awsEndpointUrl,
  awsEnvShape,
  runtimeEnvShape,
  terraformChildEnvShape,
} from './env-runtime-schema.js';

// The deployment's environment (docs/specs.md §4, README "Environment"), parsed once at start-up. Probot reads its own variables
// (APP_ID, PRIVATE_KEY…, WEBHOOK_SECRET, PORT, GHE_HOST…) itself; they are checked here too so that a malformed
// one stops start-up with one line naming it instead of failing later.

const optionalText = z.string().trim().min(1).optional();
const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
      error: `${name} must be an http(s) URL`,
    })
    .optional();

const envSchema = z
  .object({
    APP_ID: z.string().regex(/^\d+$/, { error: 'APP_ID must be the numeric GitHub App id' }).optional(),
    PRIVATE_KEY: optionalText,
    PRIVATE_KEY_PATH: optionalText,
    WEBHOOK_SECRET: optionalText,
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, { error: 'PORT must be a port number' })
      .refine((value) => Number(value) > 0 && Number(value) < 65536, { error: 'PORT must be between 1 and 65535' })
      .optional(),
    HOST: optionalText,
    WEBHOOK_PATH: z
      .string()
      .regex(/^\/\S*$/, { error: 'WEBHOOK_PATH must be a path starting with / (default /api/github/webhooks)' })
      .optional(),
    LOG_LEVEL: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], {
        error: 'LOG_LEVEL must be trace, debug, info, warn, error or fatal',
      })
      .optional(),
    GHE_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, {
        error: 'GHE_HOST must be a host name with an optional :port, without a scheme',
      })
      .optional(),
    GHE_PROTOCOL: z.enum(['http', 'https'], { error: 'GHE_PROTOCOL must be http or https' }).optional(),
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/, { error: 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)' })
      .optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9]{16,}$/, { error: 'SLACK_SIGNING_SECRET must be the app signing secret' })
      .optional(),
    SLACK_API_URL: url('SLACK_API_URL'),
    OKTA_ORG_URL: url('OKTA_ORG_URL'),
    OKTA_API_TOKEN: optionalText,
    OKTA_CLIENT_ID: optionalText,
    OKTA_PRIVATE_KEY: optionalText,
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/.+/, {
        error: 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite store)',
      })
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'DATABASE_SCHEMA must be a lowercase PostgreSQL schema name' })
      .optional(),
    DATA_DIR: optionalText,
    INFRA_BOT_JOB_LEASE_MS: z
      .string()
      .regex(/^\d+$/, { error: 'INFRA_BOT_JOB_LEASE_MS must be milliseconds' })
      .refine((value) => Number(value) >= 1000 && Number(value) <= 3_600_000, {
        error: 'INFRA_BOT_JOB_LEASE_MS must be 1000–3600000',
      })
      .optional(),
    INFRA_BOT_TEST_CLOCK_FILE: optionalText,
    INFRA_BOT_DEADLINE_SWEEP_MS: z
      .string()
      .regex(/^\d+$/, { error: 'INFRA_BOT_DEADLINE_SWEEP_MS must be milliseconds' })
      .refine((value) => Number(value) >= 100 && Number(value) <= 600_000, {
        error: 'INFRA_BOT_DEADLINE_SWEEP_MS must be 100–600000',
      })
      .optional(),
    INFRA_BOT_DRIFT_TICK_MS: z
      .string()
      .regex(/^\d+$/, { error: 'INFRA_BOT_DRIFT_TICK_MS must be milliseconds' })
      .refine((value) => Number(value) >= 100 && Number(value) <= 86_400_000, {
        error: 'INFRA_BOT_DRIFT_TICK_MS must be 100–86400000',
      })
      .optional(),
    INFRA_BOT_RECONCILE_MS: z
      .string()
      .regex(/^\d+$/, { error: 'INFRA_BOT_RECONCILE_MS must be milliseconds' })
      .refine((value) => Number(value) >= 100 && Number(value) <= 86_400_000, {
        error: 'INFRA_BOT_RECONCILE_MS must be 100–86400000',
      })
      .optional(),
    // Worker threads running jobs (2 at a time each); 0 runs them on the web process's own event loop.
    INFRA_BOT_WORKERS: z
      .string()
      .regex(/^(\d|[1-5]\d|6[0-4])$/, { error: 'INFRA_BOT_WORKERS must be 0–64 (worker threads; 0 = in-process)' })
      .optional(),
    INFRA_BOT_REPLICAS: z
      .string()
      .regex(/^[1-9]\d{0,2}$/, { error: 'INFRA_BOT_REPLICAS must be a whole number of replicas (1–999)' })
      .optional(),
    INFRA_BOT_ENV_FILE: optionalText,
    ...awsEnvShape,
    ...runtimeEnvShape,
    ...terraformChildEnvShape,
  })
  .superRefine((env, ctx) => {
    if (env.OKTA_CLIENT_ID && !env.OKTA_PRIVATE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['OKTA_PRIVATE_KEY'],
        message: 'OKTA_PRIVATE_KEY is required with OKTA_CLIENT_ID',
      });
    }
    if ((env.OKTA_API_TOKEN || env.OKTA_CLIENT_ID) && !env.OKTA_ORG_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OKTA_ORG_URL'],
        message: 'OKTA_ORG_URL is required with Okta credentials',
      });
    }
    if (env.APP_ID && !env.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'WEBHOOK_SECRET is required: unsigned webhooks are never accepted',
      });
    }
  });

export type Env = z.output<typeof envSchema>;

/** Every variable the schema knows by name (the `AWS_ENDPOINT_URL*` family is matched by pattern instead). */
export const ENV_VARIABLE_NAMES: readonly string[] = Object.keys(envSchema.shape);
export { AWS_ENDPOINT_URL_NAME };

/** `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`: each must be an http(s) URL. */
function endpointUrlProblem(present: Record<string, string | undefined>): string | undefined {
  for (const [name, value] of Object.entries(present)) {
    if (!AWS_ENDPOINT_URL_NAME.test(name)) continue;
    const parsed = awsEndpointUrl(name).safeParse(value);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? `${name}: invalid`;
  }
  return undefined;
}

export class EnvError extends Error {
  readonly code = 'invalid_env';
}

/** Parses the environment; throws one EnvError whose message is a single line naming the variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const endpointProblem = endpointUrlProblem(present);
  if (endpointProblem !== undefined) throw new EnvError(endpointProblem);
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const message = issue?.message ?? 'invalid';
  throw new EnvError(message.startsWith(name) ? message : `${name}: ${message}`);
}
