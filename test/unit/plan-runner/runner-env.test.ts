import { describe, expect, it } from '@jest/globals';
import { childEnv, passThroughSecrets, secretValues } from '../../../src/plan/runner-env.js';

const appEnv = {
  PATH: '/usr/bin',
  HOME: '/home/app',
  LANG: 'C.UTF-8',
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
  AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4567',
  AWS_ENDPOINT_URLX: 'http://evil',
  https_proxy: 'http://proxy:3128',
  PRIVATE_KEY: 'app private key',
  WEBHOOK_SECRET: 'hook',
  SLACK_BOT_TOKEN: 'xoxb',
  OKTA_API_TOKEN: 'okta',
  DATABASE_URL: 'postgres://x',
  GITHUB_TOKEN: 'ghs',
  AWS_ACCESS_KEY_ID: 'AKIAAPP',
  AWS_SECRET_ACCESS_KEY: 'app-secret',
  AWS_SESSION_TOKEN: 'app-session',
  TF_LOG: 'TRACE',
};

describe('childEnv', () => {
  it('allowlist › only listed variables and the fixed Terraform settings', () => {
    const env = childEnv({ appEnv, pluginCacheDir: '/cache' });

    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/app',
      LANG: 'C.UTF-8',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4567',
      https_proxy: 'http://proxy:3128',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      TF_PLUGIN_CACHE_DIR: '/cache',
    });
  });

  it('credentials › set as AWS_* variables, a missing session token leaves none', () => {
    const env = childEnv({
      appEnv,
      pluginCacheDir: '/cache',
      credentials: { accessKeyId: 'ASIARUN', secretAccessKey: 'run-secret' },
      extraEnv: { AWS_SESSION_TOKEN: 'stale' },
    });

    expect(env.AWS_ACCESS_KEY_ID).toBe('ASIARUN');
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('run-secret');
    expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
  });

  it('extraEnv › added, but cannot switch off automation settings', () => {
    const env = childEnv({
      appEnv,
      pluginCacheDir: '/cache',
      extraEnv: { OKTA_ORG_NAME: 'acme', OKTA_API_TOKEN: 'run-token', TF_INPUT: '1', TF_PLUGIN_CACHE_DIR: '/x' },
    });

    expect(env.OKTA_ORG_NAME).toBe('acme');
    expect(env.OKTA_API_TOKEN).toBe('run-token');
    expect(env.TF_INPUT).toBe('0');
    expect(env.TF_PLUGIN_CACHE_DIR).toBe('/cache');
  });
});

describe('secretValues', () => {
  it('collects credentials, secret-looking extraEnv values and listed secrets', () => {
    expect(
      secretValues({
        credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'ST' },
        extraEnv: { OKTA_ORG_NAME: 'acme', OKTA_API_TOKEN: 'tok', OKTA_PRIVATE_KEY: 'pk' },
        secrets: ['listed', ''],
      }),
    ).toEqual(['AK', 'SK', 'ST', 'tok', 'pk', 'listed']);
  });
});

describe('passThroughSecrets', () => {
  it('TF_ENCRYPTION › the whole block and each secret-named value in it (HCL and JSON forms)', () => {
    const hcl = 'key_provider "pbkdf2" "k" { passphrase = "hcl-passphrase-1" }\nmethod "aes_gcm" "m" { keys = x }';
    const json = '{"key_provider":{"pbkdf2":{"k":{"passphrase":"json-passphrase-2"}}}}';
    expect(passThroughSecrets({ TF_ENCRYPTION: hcl })).toEqual([hcl, 'hcl-passphrase-1']);
    expect(passThroughSecrets({ TF_ENCRYPTION: json })).toEqual([json, 'json-passphrase-2']);
  });

  it('TF_ENCRYPTION › reaches the child through the allowlist; absent or empty › no secrets', () => {
    expect(childEnv({ appEnv: { TF_ENCRYPTION: 'x', TF_VAR_a: 'b' }, pluginCacheDir: '/c' })).toMatchObject({
      TF_ENCRYPTION: 'x',
    });
    expect(childEnv({ appEnv: { TF_VAR_a: 'b' }, pluginCacheDir: '/c' })).not.toHaveProperty('TF_VAR_a');
    expect(passThroughSecrets({})).toEqual([]);
    expect(passThroughSecrets({ TF_ENCRYPTION: '' })).toEqual([]);
  });
});
