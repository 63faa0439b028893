// The whole path: the Actions runner dispatches the shipped workflow file to the GitHub double; the emulated runner
// runs that file's own scripts, which run this project's CLI (as a process) against the terraform double; the artifact
// comes back through the double and the runner returns what the local runner would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthSettingsFrom } from '../../../src/config/synth-settings.js';
import { createActionsRunner } from '../../../src/plan/actions-runner.js';
import { parsePlanTicket } from '../../../src/plan/actions-ticket.js';
import type { RunRequest } from '../../../src/plan/runner.js';
import { parsePlanJson } from '../../../src/plan/terraform-json.js';
import { validateSpecs } from '../../../src/specs/validate-specs.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';
import { BUCKET_SPEC, OIDC_ENV, TERRAFORM_DOUBLE } from './support/sandbox.js';
import { WORKFLOW } from './support/runner-fixture.js';
import { workflowEmulator, type Emulator } from './support/workflow-emulator.js';

const REGISTER = fileURLToPath(new URL('../../../scripts/ts/register-ts.mjs', import.meta.url));
const CLI_ENTRY = fileURLToPath(new URL('./support/cli-entry.ts', import.meta.url));
const CONFIG = `specsDir: infra-specs
terraform: { runner: actions, stateBucket: acme-tfstate, stateKeyPrefix: infra-bot, timeout: 20m }
s3: { namePrefix: acme }
`;
const VARS = {
  INFRA_BOT_APP_ACTOR: 'infra-bot[bot]',
  INFRA_BOT_PACKAGE: 'github:acme/infra-bot#0123456789abcdef0123456789abcdef01234567',
  INFRA_BOT_ROLE_ARN: 'arn:aws:iam::123456789012:role/infra-bot-apply',
};
const TOOL_STEPS = [
  'Set up Node',
  'Install infra-bot',
  'Set up Terraform',
  'Set up OpenTofu',
  'AWS credentials (OIDC)',
];

let double: GitHubDouble;
let root: string;
let emulator: Emulator;
let sha: string;
let workDir: string;

/** The terraform double's switches for the next runs (read by the shim at each invocation). */
const terraformSwitches = (env: Record<string, string>) =>
  writeFileSync(
    join(root, 'tf.env'),
    Object.entries(env)
      .map(([k, v]) => `export ${k}='${v}'\n`)
      .join(''),
  );

function tools(): string {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const shim = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  shim('infra-bot', `exec '${process.execPath}' --import '${REGISTER}' '${CLI_ENTRY}' "$@"`);
  shim(
    'terraform',
    `export TF_DOUBLE_STATE_DIR='${join(root, 's3')}'\n[ -f '${root}/tf.env' ] && . '${root}/tf.env'\n` +
      `exec '${process.execPath}' '${TERRAFORM_DOUBLE}' "$@"`,
  );
  return bin;
}

function useEmulator(overrides: { vars?: Record<string, string> } = {}) {
  emulator?.cleanup();
  emulator = workflowEmulator({
    double,
    env: { ...OIDC_ENV, PATH: `${join(root, 'bin')}:${process.env.PATH}`, HOME: root },
    vars: { ...VARS, ...overrides.vars },
    emulated: TOOL_STEPS,
  });
  double.setWorkflowRunner(emulator.runner);
}

const runner = () =>
  createActionsRunner({
    github: async () => testOctokit(double),
    owner: 'acme',
    repo: 'infra',
    sha,
    pollMs: 25,
    startTimeoutMs: 30_000,
    log: { info: () => {}, warn: () => {} },
  });

const request = (): RunRequest => ({ workDir, stack: 's3-logs', timeoutMs: 60_000, secrets: ['app-secret-CANARY'] });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'actions-e2e-'));
  tools();
  double = await startGitHubDouble();
  const files = {
    '.github/workflows/infra-bot-terraform.yml': WORKFLOW,
    '.github/infra.yml': CONFIG,
    'infra-specs/data/logs.yaml': BUCKET_SPEC,
  };
  sha = double.addRepo({ owner: 'acme', repo: 'infra', files });
  // The app's side of planStack: validate, synthesise, write the stack's cdk.tf.json into its work directory.
  const validated = validateSpecs({
    files: [{ path: 'infra-specs/data/logs.yaml', content: BUCKET_SPEC }],
    configText: CONFIG,
    now: new Date(),
  });
  const settings = synthSettingsFrom(validated.config, {
    repository: 'acme/infra',
    localStateDir: join(root, 'unused'),
  });
  const [stack] = synthesize(validated.specs, { settings, stacks: ['s3-logs'] });
  workDir = join(root, 'app-work', 's3-logs');
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, 'cdk.tf.json'), stack!.json);
});

afterAll(async () => {
  emulator?.cleanup();
  await double.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  terraformSwitches({});
  useEmulator();
});

const diagnose = () => [...emulator.transcripts.values()].flat().join('\n');

describe('terraform.runner: actions › end to end through the shipped workflow and the CLI', () => {
  it('plan, apply the approved plan, plan again › changes, applied state, then no changes', async () => {
    const planned = await runner().plan(request());
    if (!planned.ok) throw new Error(`${planned.error}\n${diagnose()}`);
    expect(planned.hasChanges).toBe(true);
    const plan = parsePlanJson(planned.planJson);
    expect(
      plan.ok && plan.plan.resource_changes?.find((rc) => rc.address === 'aws_s3_bucket.bucket')?.change.actions,
    ).toEqual(['create']);
    expect(planned.log).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(parsePlanTicket(planned.planFile)).toMatchObject({ owner: 'acme', repo: 'infra', sha, destroy: false });

    const applied = await runner().apply({ ...request(), planFile: planned.planFile });
    if (!applied.ok) throw new Error(`${applied.error}\n${diagnose()}`);
    expect(applied.log).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
    const state = join(root, 's3', 'acme-tfstate', 'infra-bot', 'acme', 'infra', 's3-logs.tfstate');
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).resources)).toContain('aws_s3_bucket.bucket');

    const again = await runner().plan(request());
    expect(again).toMatchObject({ ok: true, hasChanges: false });
  }, 120_000);

  it('terraform fails in the run › reported with terraform’s error and the run, nothing applied', async () => {
    terraformSwitches({ TF_DOUBLE_FAIL: 'plan' });
    const result = await runner().plan(request());
    expect(result).toMatchObject({ ok: false, phase: 'plan', exitCode: 1 });
    if (result.ok) return;
    expect(result.error).toMatch(
      /^The GitHub Actions run http:\/\/127\.0\.0\.1:\d+\/acme\/infra\/actions\/runs\/\d+ failed\.\n\nError: /,
    );
    expect(result.log).toContain('Error: ');
  }, 60_000);

  it('an apply whose re-plan differs from the approved plan › refused by the run, reported', async () => {
    const planned = await runner().plan(request());
    if (!planned.ok) throw new Error(`${planned.error}\n${diagnose()}`);
    // A ticket whose digest is not what the apply run's re-plan produces (as after drift since the approval).
    const state = join(root, 's3', 'acme-tfstate', 'infra-bot', 'acme', 'infra', 's3-logs.tfstate');
    const before = existsSync(state) ? readFileSync(state, 'utf8') : null;
    const forged = planned.planFile.replace(/digest=v1%3A[0-9a-f]{64}/, `digest=v1%3A${'0'.repeat(64)}`);
    const result = await runner().apply({ ...request(), planFile: forged });
    expect(result).toMatchObject({ ok: false, phase: 'init' });
    if (!result.ok) expect(result.error).toMatch(/differs from the approved plan/);
    expect(existsSync(state) ? readFileSync(state, 'utf8') : null).toBe(before);
  }, 120_000);

  it('dispatched by someone other than the app › the guard step stops the run, and the report names it', async () => {
    useEmulator({ vars: { INFRA_BOT_APP_ACTOR: 'another-app[bot]' } });
    const result = await runner().plan(request());
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/Failed step: terraform › Check who dispatched this run\./);
  }, 60_000);
});
