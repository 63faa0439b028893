// The double's contract for split stacks: outputs, terraform_remote_state between stacks, import and removed blocks.
// Several stacks share one state root, as the app's per-identity stacks do; everything goes through the CLI.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOUBLE } from './helpers.js';

interface Change {
  actions: string[];
  before?: unknown;
  after?: unknown;
  after_unknown: unknown;
  before_sensitive: unknown;
  after_sensitive: unknown;
  importing?: { id?: string };
}

interface ResourceChange {
  address: string;
  mode: string;
  type: string;
  name: string;
  provider_name: string;
  action_reason?: string;
  change: Change;
}

interface PlanJson {
  resource_changes: ResourceChange[];
  output_changes?: Record<string, Change>;
  planned_values: { outputs?: Record<string, unknown> };
  prior_state?: {
    values: { outputs?: Record<string, unknown>; root_module: { resources?: Array<{ address: string }> } };
  };
  applyable: boolean;
}

interface State {
  serial: number;
  resources: Record<string, Record<string, unknown>>;
  outputs?: Record<string, { value: unknown; sensitive: boolean }>;
}

let root: string;
let env: Record<string, string>;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tf-double-stacks-'));
  env = {
    PATH: process.env.PATH!,
    AWS_ACCESS_KEY_ID: 'AKIADOUBLETEST',
    AWS_SECRET_ACCESS_KEY: 'double-secret-value',
    OKTA_ORG_NAME: 'acme',
    OKTA_API_TOKEN: 'okta-token-value',
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const stackDir = (stack: string) => join(root, 'stacks', stack);
const statePath = (stack: string) => join(root, 'state', `${stack}.tfstate`);
const state = (stack: string): State => JSON.parse(readFileSync(statePath(stack), 'utf8'));

/** Writes a stack's cdk.tf.json with a local backend under the shared state root, as CDKTF renders it. */
function writeStack(stack: string, body: Record<string, unknown>) {
  mkdirSync(stackDir(stack), { recursive: true });
  const config = { terraform: { backend: { local: { path: statePath(stack) } } }, ...body };
  writeFileSync(join(stackDir(stack), 'cdk.tf.json'), JSON.stringify(config, null, 2));
}

function tf(stack: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(DOUBLE, args, { cwd: stackDir(stack), env: { ...env, ...extra }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** init + plan -out + show -json: the exit code (-detailed-exitcode), the human plan and the JSON plan. */
function plan(stack: string, extra: Record<string, string> = {}) {
  if (!existsSync(join(stackDir(stack), '.terraform'))) expect(tf(stack, ['init', '-no-color']).code).toBe(0);
  const planned = tf(stack, ['plan', '-input=false', '-no-color', '-detailed-exitcode', '-out=p.tfplan'], extra);
  if (planned.code === 1) return { ...planned, json: undefined as unknown as PlanJson };
  const shown = tf(stack, ['show', '-json', 'p.tfplan'], extra);
  expect(shown.code).toBe(0);
  return { ...planned, json: JSON.parse(shown.stdout) as PlanJson };
}

function apply(stack: string, extra: Record<string, string> = {}) {
  const r = tf(stack, ['apply', '-input=false', '-no-color', 'p.tfplan'], extra);
  expect(r).toMatchObject({ code: 0 });
  return r;
}

/** Plans and applies a stack, failing the test on any error. */
function deploy(stack: string, extra: Record<string, string> = {}) {
  const planned = plan(stack, extra);
  expect(planned.stderr).toBe('');
  return { planned, applied: apply(stack, extra) };
}

const bucket = (name: string) => ({ aws_s3_bucket: { [name]: { bucket: name } } });

describe('terraform double › outputs', () => {
  it('output blocks › output_changes at plan (unknown while the resource is created), state at apply, show -json', () => {
    writeStack('a', {
      resource: bucket('logs'),
      output: {
        arn: { value: '${aws_s3_bucket.logs.arn}' },
        team: { value: 'platform' },
        token: { value: '${aws_s3_bucket.logs.id}', sensitive: true },
      },
    });

    const { planned, applied } = deploy('a');

    expect(planned.code).toBe(2);
    expect(planned.json.output_changes).toEqual({
      arn: {
        actions: ['create'],
        before: null,
        after_unknown: true,
        before_sensitive: false,
        after_sensitive: false,
      },
      team: {
        actions: ['create'],
        before: null,
        after: 'platform',
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: false,
      },
      token: { actions: ['create'], before: null, after_unknown: true, before_sensitive: true, after_sensitive: true },
    });
    expect(planned.json.planned_values.outputs).toEqual({
      arn: { sensitive: false },
      team: { sensitive: false, type: 'string', value: 'platform' },
      token: { sensitive: true },
    });
    expect(planned.stdout).toContain(
      'Changes to Outputs:\n  + arn   = (known after apply)\n  + team  = "platform"\n  + token = (sensitive value)\n',
    );

    expect(state('a').outputs).toEqual({
      arn: { value: 'arn:aws:s3:::logs', sensitive: false },
      team: { value: 'platform', sensitive: false },
      token: { value: 'logs', sensitive: true },
    });
    expect(applied.stdout).toContain('Outputs:\n\narn = "arn:aws:s3:::logs"\nteam = "platform"\ntoken = <sensitive>\n');
    const shown = JSON.parse(tf('a', ['show', '-json']).stdout);
    expect(shown.values.outputs).toEqual({
      arn: { sensitive: false, value: 'arn:aws:s3:::logs', type: 'string' },
      team: { sensitive: false, value: 'platform', type: 'string' },
      token: { sensitive: true, value: 'logs', type: 'string' },
    });
  });

  it('only outputs changed › still a change (exit 2) that apply saves, resources untouched; a removed output is deleted', () => {
    writeStack('a', {
      resource: bucket('logs'),
      output: { arn: { value: '${aws_s3_bucket.logs.arn}' }, team: { value: 'platform' } },
    });
    deploy('a');
    writeStack('a', { resource: bucket('logs'), output: { team: { value: 'identity' } } });

    const { planned, applied } = deploy('a');

    expect(planned.code).toBe(2);
    expect(planned.json.resource_changes.map((c) => c.change.actions)).toEqual([['no-op']]);
    expect(planned.json.output_changes).toEqual({
      arn: {
        actions: ['delete'],
        before: 'arn:aws:s3:::logs',
        after: null,
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: false,
      },
      team: {
        actions: ['update'],
        before: 'platform',
        after: 'identity',
        after_unknown: false,
        before_sensitive: false,
        after_sensitive: false,
      },
    });
    expect(planned.json.applyable).toBe(true);
    expect(planned.stdout).toContain('  - arn  = "arn:aws:s3:::logs" -> null\n  ~ team = "platform" -> "identity"\n');
    expect(planned.stdout).toContain('You can apply this plan to save these new output values to the Terraform\nstate');
    expect(planned.stdout).not.toContain('Plan:');
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(state('a')).toMatchObject({ serial: 2, outputs: { team: { value: 'identity', sensitive: false } } });
    expect(state('a').outputs).not.toHaveProperty('arn');
    expect(plan('a').code).toBe(0);
  });

  it('state written before outputs existed › still loads; no output configured or stored › no output_changes', () => {
    mkdirSync(join(root, 'state'), { recursive: true });
    const old = {
      format: 'tf-double-state/1',
      serial: 3,
      lineage: 'l-1',
      resources: { 'aws_s3_bucket.logs': { bucket: 'logs', id: 'logs', arn: 'arn:aws:s3:::logs' } },
    };
    writeFileSync(statePath('a'), JSON.stringify(old));
    writeStack('a', { resource: bucket('logs') });
    expect(plan('a').json).not.toHaveProperty('output_changes');

    writeStack('a', { resource: bucket('logs'), output: { arn: { value: '${aws_s3_bucket.logs.arn}' } } });
    const planned = plan('a');

    expect(planned.code).toBe(2);
    expect(planned.json.output_changes!.arn).toMatchObject({ actions: ['create'], after: 'arn:aws:s3:::logs' });
    // Terraform writes known planned outputs into the refreshed state it reports as prior_state.
    expect(planned.json.prior_state!.values.outputs).toEqual({
      arn: { sensitive: false, value: 'arn:aws:s3:::logs', type: 'string' },
    });
  });
});
