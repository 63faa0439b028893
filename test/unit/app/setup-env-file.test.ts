import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { checkPrivateKey } from '../../../src/app/check-private-key.js';
import { envFileWriter, loadSetupEnvFile, setupEnvFile } from '../../../src/app/setup-mode.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-env-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

describe('set-up credentials file', () => {
  it('where › INFRA_BOT_ENV_FILE, else DATA_DIR/.env, else ./.env', () => {
    expect(setupEnvFile({ INFRA_BOT_ENV_FILE: '/secrets/infra-bot.env', DATA_DIR: '/data' })).toBe(
      '/secrets/infra-bot.env',
    );
    expect(setupEnvFile({ DATA_DIR: '/data' })).toBe('/data/.env');
    expect(setupEnvFile({})).toBe(path.resolve('.env'));
  });

  it('round trip › what set-up writes (a multi-line key) is what the next start loads; the environment wins', () => {
    const file = path.join(dir, '.env');
    const key = pem();
    const setupEnv: NodeJS.ProcessEnv = {};
    envFileWriter(file, setupEnv)({ APP_ID: '4242', PRIVATE_KEY: key, WEBHOOK_SECRET: 'whsec' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(setupEnv.APP_ID).toBe('4242');
    const next: NodeJS.ProcessEnv = { WEBHOOK_SECRET: 'from-the-environment' };
    loadSetupEnvFile(file, next);
    expect(next).toEqual({ APP_ID: '4242', PRIVATE_KEY: key, WEBHOOK_SECRET: 'from-the-environment' });
    expect(() => checkPrivateKey(next)).not.toThrow();
  });

  it('a missing file › loads nothing', () => {
    const env: NodeJS.ProcessEnv = {};
    loadSetupEnvFile(path.join(dir, 'absent.env'), env);
    expect(env).toEqual({});
  });
});

describe('checkPrivateKey', () => {
  it('forms Probot accepts › PEM, \\n-escaped PEM, base64 PEM, a file', () => {
    const key = pem();
    expect(() => checkPrivateKey({ PRIVATE_KEY: key })).not.toThrow();
    expect(() => checkPrivateKey({ PRIVATE_KEY: key.replace(/\n/g, '\\n') })).not.toThrow();
    expect(() => checkPrivateKey({ PRIVATE_KEY: Buffer.from(key).toString('base64') })).not.toThrow();
    const file = path.join(dir, 'app.pem');
    fs.writeFileSync(file, key);
    expect(() => checkPrivateKey({ PRIVATE_KEY_PATH: file })).not.toThrow();
  });

  it('bad keys › one message naming the variable', () => {
    expect(() => checkPrivateKey({ PRIVATE_KEY: 'not-a-key' })).toThrow(
      'PRIVATE_KEY is not a PEM private key (-----BEGIN … PRIVATE KEY-----)',
    );
    expect(() => checkPrivateKey({ PRIVATE_KEY_PATH: path.join(dir, 'none.pem') })).toThrow(
      `PRIVATE_KEY_PATH (${path.join(dir, 'none.pem')}) cannot be read (ENOENT)`,
    );
    const truncated = pem().split('\n');
    truncated.splice(3, 5);
    expect(() => checkPrivateKey({ PRIVATE_KEY: truncated.join('\n') })).toThrow(
      /^PRIVATE_KEY is not a valid private key/,
    );
  });
});
