// OpenTofu with state/plan encryption: TF_ENCRYPTION from the app's environment must reach every phase of the
// `tofu` child (or an encrypted state cannot be read), while its passphrase never reaches the captured output.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DOUBLE, createSandbox, request, type Sandbox } from './helpers.js';

const PASSPHRASE = 'correct-horse-battery-staple-42';
const TF_ENCRYPTION = `key_provider "pbkdf2" "main" { passphrase = "${PASSPHRASE}" }
method "aes_gcm" "main" { keys = key_provider.pbkdf2.main }
state { method = method.aes_gcm.main }
plan { method = method.aes_gcm.main }`;

describe('local runner › OpenTofu encryption settings', () => {
  let sb: Sandbox;
  let tofu: string;
  beforeEach(() => {
    sb = createSandbox();
    const bin = join(sb.root, 'bin');
    mkdirSync(bin);
    tofu = join(bin, 'tofu');
    symlinkSync(DOUBLE, tofu);
  });
  afterEach(() => sb.cleanup());

  const appEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, ...extra });

  it('TF_ENCRYPTION in the app env › reaches init, plan, show, apply and destroy as tofu', async () => {
    const runner = sb.runner({ binary: tofu, env: appEnv({ TF_ENCRYPTION }) });

    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    const applied = await runner.apply({ ...request(sb), planFile: planned.planFile });
    expect(applied.ok).toBe(true);
    await runner.destroy(request(sb));

    const invocations = sb.invocations();
    expect(invocations.map((i) => i.argv[0])).toEqual(['init', 'plan', 'show', 'init', 'apply', 'init', 'destroy']);
    for (const invocation of invocations) {
      expect(invocation.program).toBe('tofu');
      expect(invocation.envNames).toContain('TF_ENCRYPTION');
    }
  });

  it('TF_ENCRYPTION printed by the child › the block and its passphrase are redacted from the log', async () => {
    const runner = sb.runner({ binary: tofu, env: appEnv({ TF_ENCRYPTION }) });

    const planned = await runner.plan(request(sb, { env: { TF_DOUBLE_ECHO_ENV: 'TF_ENCRYPTION' } }));

    if (!planned.ok) throw new Error(planned.error);
    expect(planned.log).toContain('TF_ENCRYPTION=');
    expect(planned.log).not.toContain(PASSPHRASE);
    expect(JSON.stringify(sb.entries)).not.toContain(PASSPHRASE);
  });

  it('TF_VAR_* and TF_CLI_ARGS in the app env › never reach the child', async () => {
    const runner = sb.runner({
      binary: tofu,
      env: appEnv({ TF_ENCRYPTION, TF_VAR_bucket: 'injected', TF_CLI_ARGS_plan: '-refresh=false', TF_LOG: 'trace' }),
    });

    const planned = await runner.plan(request(sb));

    expect(planned.ok).toBe(true);
    for (const { envNames } of sb.invocations()) {
      expect(envNames).not.toContain('TF_VAR_bucket');
      expect(envNames).not.toContain('TF_CLI_ARGS_plan');
      expect(envNames).not.toContain('TF_LOG');
    }
  });
});
