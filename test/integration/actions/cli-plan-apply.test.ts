import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli.js';
import { encodeStackJson, sha256Hex } from '../../../src/plan/actions-contract.js';
import { planDigest } from '../../../src/plan/actions-plan-json.js';
import { parsePlanJson } from '../../../src/plan/terraform-json.js';
import { CONFIG, OIDC_ENV, createSandbox, recordingIo, type Sandbox } from './support/sandbox.js';

let sb: Sandbox;
beforeEach(() => {
  sb = createSandbox();
});
afterEach(() => sb.cleanup());

const out = () => join(sb.workspace, 'cdktf.out');
const read = (name: string) => readFileSync(join(out(), name), 'utf8');
const json = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;
const planFile = () => join(out(), 'stacks', 's3-logs', 's3-logs.tfplan');
const cli = (args: string[], io = recordingIo(sb.workspace)) => runCli(args, io);

async function plan(extra: string[] = [], terraform = sb.terraform()) {
  return cli(['plan', '--stack', 's3-logs', '--run-id', 'corr123', '--binary', terraform, ...extra]);
}

describe('infra-bot plan', () => {
  it('a new bucket › plans it, writes the sanitized plan, its log and a result that binds hash and digest', async () => {
    expect(await plan()).toBe(0);

    const stackJson = readFileSync(join(out(), 'stacks', 's3-logs', 'cdk.tf.json'), 'utf8');
    const planText = read('plan.json');
    const parsed = parsePlanJson(planText);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.plan.resource_changes?.map((rc) => `${rc.address}:${rc.change.actions.join('+')}`)).toContain(
      'aws_s3_bucket.bucket:create',
    );
    expect(Object.keys(JSON.parse(planText))).not.toContain('configuration');
    expect(json('result.json')).toEqual({
      format: 'infra-bot-result/1',
      command: 'plan',
      runId: 'corr123',
      stack: 's3-logs',
      destroy: false,
      refresh: true,
      ok: true,
      hasChanges: true,
      stackHash: sha256Hex(stackJson),
      planDigest: planDigest(JSON.parse(planText)),
      planFileSha256: sha256Hex(readFileSync(planFile())),
      stateResources: 0,
    });
    expect(read('plan.log')).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(existsSync(planFile())).toBe(true);
  });

  it('--no-refresh › terraform plan -refresh=false, and the result says the plan did not refresh', async () => {
    expect(await plan(['--no-refresh'])).toBe(0);
    const planned = sb.invocations().find((i) => i.argv[0] === 'plan');
    expect(planned?.argv).toContain('-refresh=false');
    expect(json('result.json')).toMatchObject({ ok: true, refresh: false, stateResources: 0 });
  });

  it('without --no-refresh › the plan refreshes (no -refresh flag at all)', async () => {
    expect(await plan()).toBe(0);
    const planned = sb.invocations().find((i) => i.argv[0] === 'plan');
    expect(planned?.argv.some((arg) => arg.startsWith('-refresh'))).toBe(false);
  });

  it('planning twice against the same state › the same digest (an apply run can match the approved plan)', async () => {
    expect(await plan()).toBe(0);
    const first = json('result.json').planDigest;
    expect(await plan()).toBe(0);
    expect(json('result.json').planDigest).toBe(first);
  });

  it('--expect-hash of another stack version › refused before terraform runs', async () => {
    expect(await plan(['--expect-hash', 'f'.repeat(64)])).toBe(1);
    expect(json('result.json')).toMatchObject({
      ok: false,
      phase: 'synth',
      error: expect.stringMatching(/is not the one the app planned/),
    });
    expect(sb.invocations()).toEqual([]);
    expect(existsSync(join(out(), 'plan.json'))).toBe(false);
  });

  it('--stack-json › plans the app’s stack even where the specs no longer validate (an expired spec at destroy time)', async () => {
    expect(await plan()).toBe(0);
    const stackJson = readFileSync(join(out(), 'stacks', 's3-logs', 'cdk.tf.json'), 'utf8');
    sb.write({ 'infra-specs/data/logs.yaml': 'kind: Nonsense\n' });

    const code = await plan([
      '--stack-json',
      encodeStackJson(stackJson)!,
      '--expect-hash',
      sha256Hex(stackJson),
      '--destroy',
    ]);
    expect(code).toBe(0);
    expect(json('result.json')).toMatchObject({ ok: true, destroy: true, stackHash: sha256Hex(stackJson) });
  });

  it('invalid specs without --stack-json › exit 1, result says validate, terraform never runs', async () => {
    sb.write({ 'infra-specs/data/logs.yaml': 'apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata: {}\n' });
    expect(await plan()).toBe(1);
    expect(json('result.json')).toMatchObject({ ok: false, phase: 'validate' });
    expect(sb.invocations()).toEqual([]);
  });

  it('a stack these specs do not have › exit 1, result says synth', async () => {
    expect(await cli(['plan', '--stack', 'ec2-ghost', '--binary', sb.terraform()])).toBe(1);
    expect(json('result.json')).toMatchObject({
      ok: false,
      phase: 'synth',
      error: 'no stack named ec2-ghost in these specs',
    });
  });

  it('local state on an Actions runner › refused (the state would be lost with the runner)', async () => {
    sb.write({ '.github/infra.yml': CONFIG.replace(/stateBucket: acme-tfstate, /, '') });
    expect(await plan()).toBe(1);
    expect(json('result.json')).toMatchObject({
      ok: false,
      phase: 'setup',
      error: expect.stringMatching(/stateBucket/),
    });
  });

  it('--not-after in the past › nothing runs', async () => {
    expect(await plan(['--not-after', new Date(Date.now() - 1000).toISOString()])).toBe(1);
    expect(json('result.json')).toMatchObject({ ok: false, phase: 'setup', error: expect.stringMatching(/too late/) });
    expect(sb.invocations()).toEqual([]);
  });

  it('terraform fails › exit 1 with the phase, exit code and Error block in result.json, the log kept', async () => {
    expect(await plan([], sb.terraform({ TF_DOUBLE_FAIL: 'plan' }))).toBe(1);
    const result = json('result.json');
    expect(result).toMatchObject({ ok: false, phase: 'plan', exitCode: 1, hasChanges: false });
    expect(result.error).toMatch(/^Error: /m);
    expect(read('plan.log')).toContain('Error: ');
    expect(existsSync(join(out(), 'plan.json'))).toBe(false);
  });

  it('a stale result from an earlier run in the same folder › removed before planning', async () => {
    expect(await plan()).toBe(0);
    expect(await plan(['--expect-hash', '0'.repeat(64)])).toBe(1);
    expect(existsSync(join(out(), 'plan.json'))).toBe(false);
    expect(json('result.json').ok).toBe(false);
  });

  it('usage › a missing --stack or a bad name is exit 2', async () => {
    expect(await cli(['plan'])).toBe(2);
    expect(await cli(['plan', '--stack', '../etc'])).toBe(2);
    expect(await cli(['plan', '--stack', 's3-logs', '--stack-json', 'not base64!'])).toBe(2);
  });

  it('canary secrets › absent from plan.log, plan.json, result.json and everything the CLI prints', async () => {
    const sensitive = 'aws_s3_bucket.tags';
    const io = recordingIo(sb.workspace);
    const terraform = sb.terraform({
      TF_DOUBLE_ECHO_ENV: 'AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN,AWS_ACCESS_KEY_ID',
      TF_DOUBLE_SENSITIVE: sensitive,
      TF_DOUBLE_FAIL: '',
    });
    expect(await cli(['plan', '--stack', 's3-logs', '--binary', terraform], io)).toBe(0);
    const everything = [read('plan.log'), read('plan.json'), read('result.json'), ...io.lines].join('\n');
    expect(read('plan.log')).toContain('AWS_SECRET_ACCESS_KEY=(redacted)');
    for (const value of [
      OIDC_ENV.AWS_SECRET_ACCESS_KEY,
      OIDC_ENV.AWS_SESSION_TOKEN,
      OIDC_ENV.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
    ]) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(encodeURIComponent(value));
    }
    // The bucket's tags were marked sensitive: their values (e.g. the InfraSpec tag) stay on the runner.
    expect(read('plan.json')).not.toContain('S3Bucket/logs');
    // terraform never got the runner's own token, only the AWS credentials
    expect(sb.invocations()[0]!.envNames).not.toContain('ACTIONS_ID_TOKEN_REQUEST_TOKEN');
  });
});

describe('infra-bot apply', () => {
  const apply = (extra: string[] = [], terraform = sb.terraform()) =>
    cli(['apply', '--stack', 's3-logs', '--plan', planFile(), '--binary', terraform, ...extra]);

  it('the approved digest › applies the saved plan; a new plan then has no changes', async () => {
    expect(await plan()).toBe(0);
    const digest = String(json('result.json').planDigest);
    expect(await apply(['--expect-digest', digest])).toBe(0);
    expect(json('apply-result.json')).toEqual({
      format: 'infra-bot-result/1',
      command: 'apply',
      runId: 'corr123',
      stack: 's3-logs',
      ok: true,
      planDigest: digest,
    });
    expect(read('apply.log')).toMatch(/Apply complete! Resources: \d+ added/);
    expect(sb.invocations().at(-1)!.argv).toEqual([
      'apply',
      '-input=false',
      '-no-color',
      '-lock-timeout=60s',
      planFile(),
    ]);
    expect(Object.keys(sb.state('s3-logs')!.resources)).toContain('aws_s3_bucket.bucket');

    expect(await plan()).toBe(0);
    expect(json('result.json').hasChanges).toBe(false);
  });

  it('another digest (the plan changed since approval) › refused, nothing applied', async () => {
    expect(await plan()).toBe(0);
    expect(await apply(['--expect-digest', `v1:${'0'.repeat(64)}`])).toBe(1);
    expect(json('apply-result.json')).toMatchObject({
      ok: false,
      phase: 'setup',
      error: expect.stringMatching(/differs from the approved plan/),
    });
    expect(sb.invocations().some((i) => i.argv[0] === 'apply')).toBe(false);
    expect(sb.state('s3-logs')).toBeNull();
  });

  it('no digest › refused for a plan that creates things', async () => {
    expect(await plan()).toBe(0);
    expect(await apply()).toBe(1);
    expect(json('apply-result.json').error).toMatch(/without --expect-digest/);
    expect(sb.state('s3-logs')).toBeNull();
  });

  it('a plan file that is not the one result.json describes › refused', async () => {
    expect(await plan()).toBe(0);
    const digest = String(json('result.json').planDigest);
    const other = join(sb.root, 'other.tfplan');
    writeFileSync(other, Buffer.concat([readFileSync(planFile()), Buffer.from('\n')]));
    expect(
      await cli([
        'apply',
        '--stack',
        's3-logs',
        '--plan',
        other,
        '--binary',
        sb.terraform(),
        '--expect-digest',
        digest,
      ]),
    ).toBe(1);
    expect(json('apply-result.json').error).toMatch(/is not the plan file/);
  });

  it('a failed plan › nothing to apply', async () => {
    expect(await plan([], sb.terraform({ TF_DOUBLE_FAIL: 'plan' }))).toBe(1);
    expect(await apply(['--expect-digest', `v1:${'0'.repeat(64)}`])).toBe(1);
    expect(json('apply-result.json').error).toMatch(/nothing to apply/);
  });

  it('a destroy plan without digest (the expiry path) › destroys what the state holds', async () => {
    expect(await plan()).toBe(0);
    expect(await apply(['--expect-digest', String(json('result.json').planDigest)])).toBe(0);
    expect(await plan(['--destroy'])).toBe(0);
    expect(await apply()).toBe(0);
    expect(read('apply.log')).toMatch(/Destroy complete!/);
    expect(sb.state('s3-logs')!.resources).toEqual({});
  });

  it('terraform apply fails › exit 1, apply-result.json has the Error block', async () => {
    expect(await plan()).toBe(0);
    const digest = String(json('result.json').planDigest);
    expect(await apply(['--expect-digest', digest], sb.terraform({ TF_DOUBLE_FAIL: 'apply' }))).toBe(1);
    expect(json('apply-result.json')).toMatchObject({
      ok: false,
      phase: 'apply',
      exitCode: 1,
      error: expect.stringMatching(/^Error: /m),
    });
  });

  it('usage › --plan is required; no result.json is exit 2', async () => {
    expect(await cli(['apply', '--stack', 's3-logs'])).toBe(2);
    expect(await apply(['--expect-digest', `v1:${'0'.repeat(64)}`])).toBe(2);
  });
});
