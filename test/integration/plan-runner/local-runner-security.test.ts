import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DOUBLE, bucketStack, createSandbox, credentials, request, type Sandbox } from './helpers.js';

/** The app's own secrets, planted in process.env for the duration of a test. */
const APP_SECRETS: Record<string, string> = {
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----app-key',
  WEBHOOK_SECRET: 'app-webhook-secret',
  SLACK_BOT_TOKEN: 'xoxb-app-slack-token',
  SLACK_SIGNING_SECRET: 'app-slack-signing',
  OKTA_API_TOKEN: 'app-okta-token',
  DATABASE_URL: 'postgres://app:password@127.0.0.1/app',
  GITHUB_TOKEN: 'ghs_app_token',
  AWS_PROFILE: 'app-profile',
  AWS_SECRET_ACCESS_KEY: 'app-own-aws-secret',
  AWS_ACCESS_KEY_ID: 'AKIAAPPOWNKEY',
  TF_CLI_ARGS: '-lock=false',
};
const APP_CONFIG: Record<string, string> = {
  AWS_REGION: 'eu-west-1',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4566',
  HTTPS_PROXY: 'http://127.0.0.1:3128',
};

describe('local runner › what the child sees and what the log keeps', () => {
  let sb: Sandbox;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    sb = createSandbox();
    saved = {};
    for (const [name, value] of Object.entries({ ...APP_SECRETS, ...APP_CONFIG })) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    sb.cleanup();
  });

  it('env › app secrets planted in process.env › never reach any phase of the child', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    await runner.apply({ ...request(sb), planFile: planned.planFile });
    await runner.destroy(request(sb));

    const invocations = sb.invocations();
    expect(invocations.map((i) => i.argv[0])).toEqual(['init', 'plan', 'show', 'init', 'apply', 'init', 'destroy']);
    for (const { envNames, awsAccessKeyId } of invocations) {
      for (const name of [
        'PRIVATE_KEY',
        'WEBHOOK_SECRET',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'OKTA_API_TOKEN',
      ]) {
        expect(envNames).not.toContain(name);
      }
      expect(envNames).not.toContain('DATABASE_URL');
      expect(envNames).not.toContain('GITHUB_TOKEN');
      expect(envNames).not.toContain('AWS_PROFILE');
      expect(envNames).not.toContain('TF_CLI_ARGS');
      expect(envNames).toEqual(
        expect.arrayContaining(['PATH', 'TF_IN_AUTOMATION', 'TF_INPUT', 'TF_PLUGIN_CACHE_DIR', 'AWS_SESSION_TOKEN']),
      );
      expect(envNames).toEqual(expect.arrayContaining(['AWS_REGION', 'AWS_ENDPOINT_URL_S3', 'HTTPS_PROXY']));
      // The run's credentials, not the app's own.
      expect(awsAccessKeyId).toBe(credentials().accessKeyId);
    }
  });

  it('env › extraEnv › passed to the child (Okta settings for the identity stack)', async () => {
    const result = await sb
      .runner()
      .plan(
        request(sb, { env: { OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'okta.com', OKTA_API_TOKEN: 'run-okta-token' } }),
      );

    expect(result.ok).toBe(true);
    expect(sb.invocations()[1]!.envNames).toEqual(
      expect.arrayContaining(['OKTA_ORG_NAME', 'OKTA_BASE_URL', 'OKTA_API_TOKEN']),
    );
  });

  it("env › no credentials in the request › the child gets none of the app's AWS credentials", async () => {
    const result = await sb.runner().plan(request(sb, { credentials: undefined }));

    expect(result).toMatchObject({ ok: false, phase: 'plan' });
    if (!result.ok) expect(result.error).toContain('Error: No valid credential sources found');
    expect(sb.invocations()[0]!.awsAccessKeyId).toBeNull();
  });

  it('redaction › credentials and listed secrets printed by terraform › replaced in log and error', async () => {
    const creds = credentials();
    const bucket = 'bucket-named-like-a-secret-42';
    sb.writeStack(bucketStack(bucket, { Note: 'listed-secret-value-xyz' }));
    const echo = 'AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN,OKTA_API_TOKEN';
    const runner = sb.runner();
    const secrets = ['listed-secret-value-xyz', bucket];
    const env = { TF_DOUBLE_ECHO_ENV: echo, OKTA_API_TOKEN: 'run-okta-token-123' };

    const planned = await runner.plan(request(sb, { secrets, env }));
    if (!planned.ok) throw new Error(planned.error);
    const applied = await runner.apply({
      ...request(sb, { secrets, env: { ...env, TF_DOUBLE_APPLY_FAIL_AFTER: '0' } }),
      planFile: planned.planFile,
    });

    expect(applied.ok).toBe(false);
    const texts = [planned.log, applied.log, applied.ok ? '' : applied.error, JSON.stringify(sb.entries)];
    for (const text of texts) {
      for (const secret of [
        creds.secretAccessKey,
        creds.sessionToken!,
        creds.accessKeyId,
        'run-okta-token-123',
        ...secrets,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(planned.log).toContain('AWS_SECRET_ACCESS_KEY=(redacted)');
    expect(planned.log).toContain('OKTA_API_TOKEN=(redacted)');
    expect(planned.log).toContain('"Note":"(redacted)"');
    if (!applied.ok) expect(applied.error).toMatch(/^Error: creating aws_s3_bucket \(\(redacted\)\)/);
  });

  it("credentials › expiring before the run's deadline › refused before anything starts", async () => {
    const expiration = new Date(Date.now() + 10 * 60_000);
    const result = await sb
      .runner()
      .plan(request(sb, { timeoutMs: 30 * 60_000, credentials: credentials({ expiration }) }));

    expect(result).toMatchObject({ ok: false, phase: 'init', exitCode: null, timedOut: false, cancelled: false });
    if (!result.ok) {
      expect(result.error).toContain(`AWS credentials expire at ${expiration.toISOString()}`);
      expect(result.error).toContain('timeout 30m');
    }
    expect(sb.invocations()).toEqual([]);
  });

  it('credentials › lasting past the deadline › the run starts', async () => {
    const expiration = new Date(Date.now() + 31 * 60_000);
    const result = await sb
      .runner()
      .plan(request(sb, { timeoutMs: 30 * 60_000, credentials: credentials({ expiration }) }));

    expect(result.ok).toBe(true);
  });

  describe('binary', () => {
    it('a tofu symlink to the double › runs as OpenTofu', async () => {
      const bin = join(sb.root, 'bin');
      mkdirSync(bin);
      symlinkSync(DOUBLE, join(bin, 'tofu'));

      const result = await sb.runner({ binary: join(bin, 'tofu') }).plan(request(sb));

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(sb.invocations().map((i) => i.program)).toEqual(['tofu', 'tofu', 'tofu']);
      expect(result.log).toContain('OpenTofu has been successfully initialized!');
      expect(JSON.parse(result.planJson).terraform_version).toBe('1.8.5');
    });

    it('a bare name › found on PATH', async () => {
      const bin = join(sb.root, 'bin');
      mkdirSync(bin);
      symlinkSync(DOUBLE, join(bin, 'tofu'));
      saved.PATH = process.env.PATH;
      process.env.PATH = `${bin}:${process.env.PATH}`;

      const result = await sb.runner({ binary: 'tofu' }).plan(request(sb));

      expect(result.ok).toBe(true);
      expect(sb.invocations()[0]!.program).toBe('tofu');
    });
  });
});
