// The double's own contract (the parts the runner tests do not reach): flags, init, backends, sensitivity.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOUBLE } from './helpers.js';

interface Change {
  address: string;
  action_reason?: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown: Record<string, boolean>;
    before_sensitive: Record<string, boolean> | false;
    after_sensitive: Record<string, boolean> | false;
    replace_paths?: string[][];
  };
}

describe('terraform double › CLI contract', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tf-double-'));
    env = {
      PATH: process.env.PATH!,
      AWS_ACCESS_KEY_ID: 'AKIADOUBLETEST',
      AWS_SECRET_ACCESS_KEY: 'double-secret-value',
      OKTA_ORG_NAME: 'acme',
      OKTA_API_TOKEN: 'okta-token-value',
      TF_DOUBLE_LOG: join(dir, 'log.jsonl'),
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tf = (args: string[], extra: Record<string, string> = {}) => {
    const r = spawnSync(DOUBLE, args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const writeConfig = (resource: object, backend: object = { local: { path: 'state.tfstate' } }) =>
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend }, resource }));
  const planJson = (extra: Record<string, string> = {}) => {
    expect(tf(['plan', '-input=false', '-no-color', '-out=p.tfplan'], extra).code).toBe(0);
    const shown = tf(['show', '-json', 'p.tfplan'], extra);
    expect(shown.code).toBe(0);
    return JSON.parse(shown.stdout) as { resource_changes: Change[] };
  };
  const applyPlan = () => expect(tf(['apply', '-input=false', '-no-color', 'p.tfplan']).code).toBe(0);

  it("unknown flag › exit 1 with Terraform's parse error", () => {
    writeConfig({});
    const r = tf(['plan', '-no-color', '-bogus']);

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Failed to parse command-line flags');
    expect(r.stderr).toContain('flag provided but not defined: -bogus');
  });

  it('plan before init › exit 1, backend initialization required', () => {
    writeConfig({ aws_s3_bucket: { b: { bucket: 'x' } } });
    const r = tf(['plan', '-input=false', '-no-color']);

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Backend initialization required, please run "terraform init"');
  });

  it('version and -version › print the version', () => {
    expect(tf(['version']).stdout).toBe('Terraform v1.9.8\non linux_amd64\n');
    expect(tf(['-version']).stdout).toBe('Terraform v1.9.8\non linux_amd64\n');
    expect(JSON.parse(tf(['version', '-json']).stdout).terraform_version).toBe('1.9.8');
  });

  it('detailed exit code › 2 with changes, 0 without', () => {
    writeConfig({ aws_s3_bucket: { b: { bucket: 'x' } } });
    tf(['init', '-input=false', '-no-color']);
    expect(tf(['plan', '-detailed-exitcode', '-out=p.tfplan']).code).toBe(2);
    applyPlan();
    expect(tf(['plan', '-detailed-exitcode', '-input=false', '-no-color']).code).toBe(0);
  });

  it('s3 backend › state under $TF_DOUBLE_STATE_DIR/<bucket>/<key>, credentials required', () => {
    writeConfig(
      { aws_s3_bucket: { b: { bucket: 'x' } } },
      { s3: { bucket: 'acme-tfstate', key: 'infra-bot/a/b/s3-x.tfstate' } },
    );
    const stateDir = join(dir, 'buckets');

    const noCreds = tf(['init', '-no-color'], { TF_DOUBLE_STATE_DIR: stateDir, AWS_ACCESS_KEY_ID: '' });
    expect(noCreds.code).toBe(1);
    expect(noCreds.stderr).toContain('Error: No valid credential sources found');

    expect(tf(['init', '-no-color'], { TF_DOUBLE_STATE_DIR: stateDir }).code).toBe(0);
    expect(tf(['plan', '-no-color', '-out=p.tfplan'], { TF_DOUBLE_STATE_DIR: stateDir }).code).toBe(0);
    expect(tf(['apply', '-no-color', 'p.tfplan'], { TF_DOUBLE_STATE_DIR: stateDir }).code).toBe(0);
    const state = JSON.parse(readFileSync(join(stateDir, 'acme-tfstate', 'infra-bot/a/b/s3-x.tfstate'), 'utf8'));
    expect(state).toMatchObject({ serial: 1, resources: { 'aws_s3_bucket.b': { bucket: 'x', id: 'x' } } });
  });

  it('references › unknown on create, resolved once the target exists', () => {
    writeConfig({
      aws_s3_bucket: { b: { bucket: 'x' } },
      aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: '{}' } },
    });
    tf(['init']);
    const created = planJson().resource_changes.find((c) => c.address === 'aws_s3_bucket_policy.p')!;
    expect(created.change.after_unknown).toEqual({ id: true, arn: true, bucket: true });
    expect(created.change.after).toEqual({ policy: '{}' });
    applyPlan();

    const state = JSON.parse(readFileSync(join(dir, 'state.tfstate'), 'utf8'));
    expect(state.resources['aws_s3_bucket_policy.p'].bucket).toBe('x');
  });

  it('escaped interpolation › stays a literal', () => {
    writeConfig({ aws_s3_bucket: { b: { bucket: 'x', tags: { Note: '$${file("/etc/passwd")}' } } } });
    tf(['init']);
    const [change] = planJson().resource_changes;
    expect(change!.change.after).toEqual({ bucket: 'x', tags: { Note: '${file("/etc/passwd")}' } });
  });

  it('sensitive attributes › masked in the JSON marks and hidden in the human plan', () => {
    writeConfig({
      okta_user: { u: { login: 'a@acme.test', password: 'Initial-Pa55' } },
      aws_s3_bucket: { b: { bucket: 'x', tags: { Team: 'tag-value-xyz' } } },
    });
    tf(['init']);
    const changes = planJson({ TF_DOUBLE_SENSITIVE: 'aws_s3_bucket.tags' }).resource_changes;
    const user = changes.find((c) => c.address === 'okta_user.u')!;
    const bucket = changes.find((c) => c.address === 'aws_s3_bucket.b')!;

    expect(user.change.after_sensitive).toEqual({ password: true });
    expect(user.change.before_sensitive).toBe(false);
    expect(bucket.change.after_sensitive).toEqual({ tags: true });
    const human = tf(['plan', '-no-color'], { TF_DOUBLE_SENSITIVE: 'aws_s3_bucket.tags' }).stdout;
    expect(human).toContain('+ password = (sensitive value)');
    expect(human).not.toContain('Initial-Pa55');
    expect(human).not.toContain('tag-value-xyz');
  });

  it('force-new attribute › replace with its reason and path; other changes update in place', () => {
    writeConfig({ okta_user: { u: { login: 'a@acme.test', title: 'Eng' } } });
    tf(['init']);
    planJson();
    applyPlan();
    writeConfig({ okta_user: { u: { login: 'b@acme.test', title: 'Eng' } } });
    const [replaced] = planJson().resource_changes;
    expect(replaced).toMatchObject({
      action_reason: 'replace_because_cannot_update',
      change: { actions: ['delete', 'create'], replace_paths: [['login']] },
    });
    writeConfig({ okta_user: { u: { login: 'a@acme.test', title: 'Manager' } } });
    const [updated] = planJson().resource_changes;
    expect(updated!.change.actions).toEqual(['update']);
    expect(updated!.change.after).toMatchObject({ title: 'Manager', id: expect.stringMatching(/^00u/) });
  });

  it('removed from config › planned as delete', () => {
    writeConfig({ aws_s3_bucket: { a: { bucket: 'a' }, b: { bucket: 'b' } } });
    tf(['init']);
    planJson();
    applyPlan();
    writeConfig({ aws_s3_bucket: { a: { bucket: 'a' } } });

    const changes = planJson().resource_changes;
    expect(changes.map((c) => [c.address, c.change.actions])).toEqual([
      ['aws_s3_bucket.a', ['no-op']],
      ['aws_s3_bucket.b', ['delete']],
    ]);
    expect(changes[1]!.change).toMatchObject({ after: null, after_sensitive: false, after_unknown: {} });
  });

  it('invocation log › argv, cwd and env names; no secret values', () => {
    tf(['version']);
    const log = readFileSync(env.TF_DOUBLE_LOG!, 'utf8');
    const [entry] = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

    expect(entry).toMatchObject({ argv: ['version'], cwd: dir, awsAccessKeyId: 'AKIADOUBLETEST' });
    expect(entry.envNames).toEqual([...Object.keys(env)].sort());
    expect(log).not.toContain('double-secret-value');
    expect(log).not.toContain('okta-token-value');
  });

  it("plugin cache dir › must exist, like Terraform's", () => {
    writeConfig({ aws_s3_bucket: { b: { bucket: 'x' } } });
    const r = tf(['init', '-no-color'], { TF_PLUGIN_CACHE_DIR: join(dir, 'missing') });

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid plugin cache directory');
    expect(existsSync(join(dir, '.terraform'))).toBe(false);
  });
});
