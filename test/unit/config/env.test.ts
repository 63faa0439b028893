import { describe, expect, it } from '@jest/globals';
import { EnvError, parseEnv } from '../../../src/config/env.js';

function problem(raw: Record<string, string>): string {
  try {
    parseEnv(raw);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(raw)}`);
}

describe('parseEnv', () => {
  it('a valid deployment › parsed, the SDK and child variables included', () => {
    const env = parseEnv({
      APP_ID: '12345',
      WEBHOOK_SECRET: 'whsec',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/infra-bot',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566',
      INFRA_BOT_SQLITE_DRIVER: 'better-sqlite3',
      INFRA_BOT_DRIFT_TICK_MS: '60000',
      INFRA_BOT_RECONCILE_MS: '120000',
      LOG_FORMAT: 'json',
      TF_ENCRYPTION: 'key_provider "pbkdf2" "k" { passphrase = "long-enough-passphrase" }',
      OPENTOFU_ENFORCE_GPG_VALIDATION: 'true',
      UNRELATED: 'ignored',
    });
    expect(env.AWS_REGION).toBe('eu-west-1');
    expect(env.INFRA_BOT_SQLITE_DRIVER).toBe('better-sqlite3');
    expect(env.INFRA_BOT_RECONCILE_MS).toBe('120000');
    expect(env.TF_ENCRYPTION).toContain('pbkdf2');
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('empty values › treated as unset', () => {
    expect(parseEnv({ AWS_REGION: '', INFRA_BOT_SQLITE_DRIVER: '' })).toEqual({});
  });

  it.each([
    [{ INFRA_BOT_SQLITE_DRIVER: 'sqlite3' }, 'INFRA_BOT_SQLITE_DRIVER must be node:sqlite or better-sqlite3'],
    [{ AWS_REGION: 'Frankfurt' }, 'AWS_REGION must be an AWS region such as us-east-1'],
    [{ AWS_DEFAULT_REGION: 'us_east_1' }, 'AWS_DEFAULT_REGION must be an AWS region such as us-east-1'],
    [{ AWS_ACCESS_KEY_ID: 'akia-lowercase' }, 'AWS_ACCESS_KEY_ID must be an access key id'],
    [{ AWS_ROLE_ARN: 'infra-bot' }, 'AWS_ROLE_ARN must be an IAM role ARN'],
    [{ AWS_ENDPOINT_URL: 'localhost:4566' }, 'AWS_ENDPOINT_URL must be an http(s) URL'],
    [{ AWS_ENDPOINT_URL_S3: 'ftp://127.0.0.1' }, 'AWS_ENDPOINT_URL_S3 must be an http(s) URL'],
    [{ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: 'v2/creds' }, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must be a path'],
    [{ LOG_FORMAT: 'yaml' }, 'LOG_FORMAT must be json or pretty'],
    [{ LOG_LEVEL_IN_STRING: 'yes' }, 'LOG_LEVEL_IN_STRING must be true or false'],
    [{ SENTRY_DSN: 'not a url' }, 'SENTRY_DSN must be an http(s) URL'],
    [{ TF_REGISTRY_CLIENT_TIMEOUT: '10s' }, 'TF_REGISTRY_CLIENT_TIMEOUT must be a whole number'],
    [{ OPENTOFU_ENFORCE_GPG_VALIDATION: '1' }, 'OPENTOFU_ENFORCE_GPG_VALIDATION must be true or false'],
    [{ INFRA_BOT_RECONCILE_MS: '50' }, 'INFRA_BOT_RECONCILE_MS must be 100–86400000'],
    [{ INFRA_BOT_DRIFT_TICK_MS: 'ten' }, 'INFRA_BOT_DRIFT_TICK_MS must be milliseconds'],
    [{ WEBHOOK_PATH: 'api/github/webhooks' }, 'WEBHOOK_PATH must be a path starting with /'],
  ])('%j › refused with a line naming the variable', (raw, message) => {
    const text = problem(raw);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });
});
