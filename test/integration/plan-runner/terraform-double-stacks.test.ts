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
  planned_values: { outputs?: Record<string, unknown>; root_module: { resources?: unknown[] } };
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
  if (!existsSync(join(stackDir(stack), '.terraform'))) expect(tf(stack, ['init', '-no-color'], extra).code).toBe(0);
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

/** The groups stack: one Okta group and its id as an output, as a per-group stack publishes it. */
const groupsStack = (outputs: Record<string, unknown> = { eng_id: { value: '${okta_group.eng.id}' } }) => ({
  resource: { okta_group: { eng: { name: 'Engineering' } } },
  output: outputs,
});

/** The users stack: a membership that names the group through the groups stack's remote state. */
function usersStack(
  remoteState: Record<string, unknown> = {},
  groupRef = '${data.terraform_remote_state.groups.outputs.eng_id}',
) {
  return {
    data: {
      terraform_remote_state: {
        groups: { backend: 'local', config: { path: statePath('groups') }, ...remoteState },
      },
    },
    resource: {
      okta_user: { ada: { login: 'ada@acme.test' } },
      okta_user_group_memberships: { ada: { user_id: '${okta_user.ada.id}', groups: [groupRef] } },
    },
  };
}

const membership = (json: PlanJson) =>
  json.resource_changes.find((c) => c.address === 'okta_user_group_memberships.ada')!;

describe('terraform double › terraform_remote_state', () => {
  it("read at plan › the other stack's output resolves; the data source is in prior_state, not resource_changes", () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    const groupId = state('groups').outputs!.eng_id!.value;
    writeStack('users', usersStack());

    const planned = plan('users');

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(
      'data.terraform_remote_state.groups: Reading...\ndata.terraform_remote_state.groups: Read complete after 0s\n',
    );
    expect(membership(planned.json).change.after).toEqual({ groups: [groupId] });
    expect(planned.json.resource_changes.map((c) => c.address)).toEqual([
      'okta_user.ada',
      'okta_user_group_memberships.ada',
    ]);
    expect(planned.json.prior_state!.values.root_module.resources).toEqual([
      {
        address: 'data.terraform_remote_state.groups',
        mode: 'data',
        type: 'terraform_remote_state',
        name: 'groups',
        provider_name: 'terraform.io/builtin/terraform',
        schema_version: 0,
        values: {
          backend: 'local',
          config: { path: statePath('groups') },
          defaults: null,
          outputs: { eng_id: groupId },
          workspace: null,
        },
        sensitive_values: { config: {}, outputs: {} },
      },
    ]);
    apply('users');
    expect(state('users').resources['okta_user_group_memberships.ada']!.groups).toEqual([groupId]);
  });

  it('defaults › fill in an output the state lacks; a stored output wins over its default', () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    const groupId = state('groups').outputs!.eng_id!.value;
    writeStack(
      'users',
      usersStack(
        { defaults: { eng_id: 'unused-default', sales_id: '00gdefault' } },
        '${data.terraform_remote_state.groups.outputs.sales_id}',
      ),
    );
    expect(membership(plan('users').json).change.after).toEqual({ groups: ['00gdefault'] });

    writeStack('users', usersStack({ defaults: { eng_id: 'unused-default' } }));
    expect(membership(plan('users').json).change.after).toEqual({ groups: [groupId] });
  });

  it("an output neither stored nor defaulted › Terraform's Unsupported attribute error, exit 1", () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    writeStack(
      'users',
      usersStack({ defaults: { other: 'x' } }, '${data.terraform_remote_state.groups.outputs.sales_id}'),
    );

    const planned = plan('users');

    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Unsupported attribute');
    expect(planned.stderr).toContain('in resource.okta_user_group_memberships.ada:');
    expect(planned.stderr).toContain('This object does not have an attribute named "sales_id".');
    expect(existsSync(join(stackDir('users'), 'p.tfplan'))).toBe(false);
  });

  it('a state never written › "Unable to find remote state", defaults or not (as Terraform, hashicorp/terraform#22211)', () => {
    writeStack('users', usersStack({ defaults: { eng_id: '00gdefault' } }));

    const planned = plan('users');

    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Unable to find remote state');
    expect(planned.stderr).toContain('No stored state was found for the given workspace in the given backend.');

    // A state that exists but holds no outputs (nothing applied yet that has any) gives the defaults.
    writeStack('groups', { resource: { okta_group: { eng: { name: 'Engineering' } } } });
    deploy('groups');
    expect(membership(plan('users').json).change.after).toEqual({ groups: ['00gdefault'] });
  });

  it('s3 backend › read from $TF_DOUBLE_STATE_DIR/<bucket>/<key>, with the credentials the s3 backend needs', () => {
    const s3 = { TF_DOUBLE_STATE_DIR: join(root, 'buckets') };
    const s3Backend = { bucket: 'acme-tfstate', key: 'infra-bot/groups.tfstate', region: 'us-east-1' };
    mkdirSync(stackDir('groups'), { recursive: true });
    writeFileSync(
      join(stackDir('groups'), 'cdk.tf.json'),
      JSON.stringify({ terraform: { backend: { s3: s3Backend } }, ...groupsStack() }),
    );
    deploy('groups', s3);
    const groupId = JSON.parse(readFileSync(join(root, 'buckets', 'acme-tfstate', 'infra-bot/groups.tfstate'), 'utf8'))
      .outputs.eng_id.value;
    writeStack('users', {
      ...usersStack(),
      data: { terraform_remote_state: { groups: { backend: 's3', config: s3Backend } } },
    });

    expect(membership(plan('users', s3).json).change.after).toEqual({ groups: [groupId] });
    const noKeys = plan('users', { ...s3, AWS_ACCESS_KEY_ID: '', TF_DOUBLE_SKIP_PROVIDER_AUTH: '1' });
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toContain('Error: No valid credential sources found');
  });
});

describe('terraform double › timestamp() and reads deferred to apply', () => {
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

  it('timestamp() › unknown at plan, the apply time (RFC 3339, UTC) at apply', () => {
    writeStack('a', {
      resource: { aws_s3_bucket: { logs: { bucket: 'logs', tags: { CreatedAt: '${timestamp()}' } } } },
      output: { created: { value: 'at ${timestamp()}' } },
    });

    const { planned } = deploy('a');

    expect(planned.json.resource_changes[0]!.change).toMatchObject({
      after: { bucket: 'logs' },
      after_unknown: { tags: true, id: true, arn: true },
    });
    expect(planned.json.output_changes!.created).toMatchObject({ after_unknown: true });
    const tags = state('a').resources['aws_s3_bucket.logs']!.tags as { CreatedAt: string };
    expect(tags.CreatedAt).toMatch(RFC3339);
    expect(state('a').outputs!.created!.value).toBe(`at ${tags.CreatedAt}`);
  });

  it('a timestamp() in the data source › read during apply: a read change, every reference unknown', () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    writeStack('users', {
      ...usersStack({ defaults: { read_at: '${timestamp()}' } }),
      output: { eng: { value: '${data.terraform_remote_state.groups.outputs.eng_id}' } },
    });

    const planned = plan('users');

    expect(planned.code).toBe(2);
    expect(planned.stdout).not.toContain('Reading...');
    const read = planned.json.resource_changes.find((c) => c.mode === 'data');
    expect(read).toEqual({
      address: 'data.terraform_remote_state.groups',
      mode: 'data',
      type: 'terraform_remote_state',
      name: 'groups',
      provider_name: 'terraform.io/builtin/terraform',
      change: {
        actions: ['read'],
        before: null,
        after: { backend: 'local', config: { path: statePath('groups') }, defaults: {}, workspace: null },
        after_unknown: { defaults: { read_at: true }, outputs: true },
        before_sensitive: false,
        after_sensitive: { config: {}, defaults: {} },
      },
      action_reason: 'read_because_config_unknown',
    });
    expect(membership(planned.json).change).toMatchObject({ after: {}, after_unknown: { groups: true } });
    expect(planned.json.output_changes!.eng).toMatchObject({ actions: ['create'], after_unknown: true });
    expect(planned.stdout).toContain(
      '  # data.terraform_remote_state.groups will be read during apply\n' +
        '  # (config refers to values not yet known)\n' +
        ' <= data "terraform_remote_state" "groups" {\n',
    );
    expect(planned.stdout).toContain(' <= read (data resources)\n');
  });

  it("read during apply › reads the other stack's state as it is at apply, not at plan", () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    const planTimeId = state('groups').outputs!.eng_id!.value;
    writeStack('users', usersStack({ defaults: { read_at: '${timestamp()}' } }));
    plan('users');
    // The groups stack replaces its group (a new id) between the users plan and its apply.
    writeStack('groups', {
      resource: { okta_group: { sales: { name: 'Sales' } } },
      output: { eng_id: { value: '${okta_group.sales.id}' } },
    });
    deploy('groups');
    const applyTimeId = state('groups').outputs!.eng_id!.value;
    expect(applyTimeId).not.toBe(planTimeId);

    const applied = apply('users');

    expect(applied.stdout).toContain(
      'data.terraform_remote_state.groups: Reading...\ndata.terraform_remote_state.groups: Read complete after 0s\n',
    );
    expect(state('users').resources['okta_user_group_memberships.ada']!.groups).toEqual([applyTimeId]);
  });

  it('a config that refers to a resource being created, or depends_on one with changes › read during apply', () => {
    writeStack('groups', groupsStack());
    deploy('groups');
    writeStack('users', {
      ...usersStack(),
      data: {
        terraform_remote_state: {
          groups: {
            backend: 'local',
            config: { path: statePath('groups') },
            defaults: { owner: '${okta_user.ada.id}' },
          },
          after_user: { backend: 'local', config: { path: statePath('groups') }, depends_on: ['okta_user.ada'] },
        },
      },
    });

    const reads = plan('users').json.resource_changes.filter((c) => c.mode === 'data');

    expect(reads.map((c) => [c.address, c.change.actions, c.action_reason])).toEqual([
      ['data.terraform_remote_state.after_user', ['read'], 'read_because_dependency_pending'],
      ['data.terraform_remote_state.groups', ['read'], 'read_because_config_unknown'],
    ]);
  });
});

/** The old shared identity stack that manages Ada; returns her Okta id. */
function deployIdentity(ada: Record<string, unknown> = { login: 'ada@acme.test', first_name: 'Ada' }) {
  writeStack('identity', { resource: { okta_user: { ada } } });
  deploy('identity');
  return state('identity').resources['okta_user.ada']!.id as string;
}

/** Ada's own stack, importing her by id as CDKTF renders resource.importFrom(id). */
const adaStack = (id: string, ada: Record<string, unknown> = { login: 'ada@acme.test', first_name: 'Ada' }) => ({
  import: [{ id, to: 'okta_user.ada' }],
  resource: { okta_user: { ada } },
});

describe('terraform double › import blocks', () => {
  it('config matches the object › no-op import; apply writes it to this state; the next plan has no changes', () => {
    const id = deployIdentity();
    writeStack('ada', adaStack(id));

    const { planned, applied } = deploy('ada');

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(
      `okta_user.ada: Preparing import... [id=${id}]\nokta_user.ada: Refreshing state... [id=${id}]\n`,
    );
    const object = { login: 'ada@acme.test', first_name: 'Ada', id };
    expect(planned.json.resource_changes).toEqual([
      {
        address: 'okta_user.ada',
        mode: 'managed',
        type: 'okta_user',
        name: 'ada',
        provider_name: 'registry.terraform.io/hashicorp/okta',
        change: {
          actions: ['no-op'],
          before: object,
          after: object,
          after_unknown: {},
          before_sensitive: {},
          after_sensitive: {},
          importing: { id },
        },
      },
    ]);
    expect(planned.json.applyable).toBe(true);
    expect(planned.stdout).toContain(
      '  # okta_user.ada will be imported\n    resource "okta_user" "ada" {\n        first_name = "Ada"\n',
    );
    expect(planned.stdout).toContain('Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.');
    expect(planned.stdout).not.toContain('Resource actions are indicated');
    expect(applied.stdout).toContain(
      `okta_user.ada: Importing... [id=${id}]\nokta_user.ada: Import complete [id=${id}]\n`,
    );
    expect(applied.stdout).toContain('Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.');
    expect(state('ada').resources).toEqual({ 'okta_user.ada': object });
    // The old stack still holds its copy: moving it out is the removed block's job.
    expect(state('identity').resources['okta_user.ada']).toEqual(object);

    const again = plan('ada');
    expect(again.code).toBe(0);
    expect(again.json.resource_changes[0]!.change).not.toHaveProperty('importing');
    expect(again.stdout).toContain('No changes. Your infrastructure matches the configuration.');
  });

  it('config differs from the object › import with update; apply imports, then updates', () => {
    const id = deployIdentity();
    writeStack('ada', adaStack(id, { login: 'ada@acme.test', first_name: 'Ada', title: 'Engineer' }));

    const { planned, applied } = deploy('ada');

    const [change] = planned.json.resource_changes;
    expect(change!.change).toMatchObject({
      actions: ['update'],
      before: { login: 'ada@acme.test', first_name: 'Ada', id },
      after: { login: 'ada@acme.test', first_name: 'Ada', title: 'Engineer', id },
      importing: { id },
    });
    expect(planned.stdout).toContain(
      `  # okta_user.ada will be updated in-place\n  # (imported from "${id}")\n  ~ resource "okta_user" "ada" {\n`,
    );
    expect(planned.stdout).toContain('        first_name = "Ada"\n');
    expect(planned.stdout).toContain('      + title      = "Engineer"');
    expect(planned.stdout).toContain('Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.');
    expect(applied.stdout).toContain('Apply complete! Resources: 1 imported, 0 added, 1 changed, 0 destroyed.');
    expect(state('ada').resources['okta_user.ada']).toEqual({
      login: 'ada@acme.test',
      first_name: 'Ada',
      title: 'Engineer',
      id,
    });
    expect(plan('ada').code).toBe(0);
  });

  it("an id no object has › Terraform's 'Cannot import non-existent remote object', exit 1", () => {
    deployIdentity();
    writeStack('ada', adaStack('00unothere'));

    const planned = plan('ada');

    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Cannot import non-existent remote object');
    expect(planned.stderr).toContain(
      'While attempting to import an existing object to "okta_user.ada", the provider detected that no object exists with the given id.',
    );
    expect(planned.stderr).toContain('or use "terraform apply" to create a new remote object for this resource.');
  });

  it('a policy attachment › imported by `<role>/<policy arn>`, the AWS provider’s import format', () => {
    const attachment = { role: 'admin', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
    writeStack('old', { resource: { aws_iam_role_policy_attachment: { ro: attachment } } });
    deploy('old');
    writeStack('new', {
      resource: { aws_iam_role_policy_attachment: { ro: attachment } },
      import: [{ id: 'admin/arn:aws:iam::aws:policy/ReadOnlyAccess', to: 'aws_iam_role_policy_attachment.ro' }],
    });
    const planned = plan('new');
    expect(planned.stderr).toBe('');
    expect(planned.json.resource_changes[0]?.change).toMatchObject({
      actions: ['no-op'],
      importing: { id: 'admin/arn:aws:iam::aws:policy/ReadOnlyAccess' },
    });
  });

  it('okta_user_group_memberships › cannot be imported (its provider has no importer), exit 1', () => {
    const memberships = { user_id: '00uada', groups: ['00gsec'] };
    writeStack('old', { resource: { okta_user_group_memberships: { m: memberships } } });
    deploy('old');
    writeStack('new', {
      resource: { okta_user_group_memberships: { m: memberships } },
      import: [
        { id: state('old').resources['okta_user_group_memberships.m']!.id, to: 'okta_user_group_memberships.m' },
      ],
    });
    const planned = plan('new');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Resource Import Not Implemented');
  });

  it('$TF_DOUBLE_REMOTE › an object no state holds can be imported; one deleted outside Terraform cannot', () => {
    const id = deployIdentity();
    const remote = join(root, 'remote.json');
    writeFileSync(remote, JSON.stringify({ 'okta_user.grace': { id: '00ugrace', login: 'grace@acme.test' } }));
    writeStack('grace', {
      import: [{ id: '00ugrace', to: 'okta_user.grace' }],
      resource: { okta_user: { grace: { login: 'grace@acme.test' } } },
    });
    expect(plan('grace', { TF_DOUBLE_REMOTE: remote }).json.resource_changes[0]!.change).toMatchObject({
      actions: ['no-op'],
      importing: { id: '00ugrace' },
    });

    writeFileSync(remote, JSON.stringify({ 'okta_user.ada': null }));
    writeStack('ada', adaStack(id));
    const deleted = plan('ada', { TF_DOUBLE_REMOTE: remote });
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toContain('Error: Cannot import non-existent remote object');
  });

  it('s3 backend › the objects of every state under $TF_DOUBLE_STATE_DIR can be imported', () => {
    const s3 = { TF_DOUBLE_STATE_DIR: join(root, 'buckets') };
    const writeS3 = (stack: string, key: string, body: Record<string, unknown>) => {
      mkdirSync(stackDir(stack), { recursive: true });
      const backend = { s3: { bucket: 'acme-tfstate', key, region: 'us-east-1' } };
      writeFileSync(join(stackDir(stack), 'cdk.tf.json'), JSON.stringify({ terraform: { backend }, ...body }));
    };
    writeS3('identity', 'infra-bot/identity.tfstate', { resource: { okta_user: { ada: { login: 'ada@acme.test' } } } });
    deploy('identity', s3);
    const id = JSON.parse(readFileSync(join(root, 'buckets', 'acme-tfstate', 'infra-bot/identity.tfstate'), 'utf8'))
      .resources['okta_user.ada'].id;
    writeS3('ada', 'infra-bot/users/ada.tfstate', adaStack(id, { login: 'ada@acme.test' }));

    expect(plan('ada', s3).json.resource_changes[0]!.change).toMatchObject({ actions: ['no-op'], importing: { id } });
  });

  it('a target already in state › the import block is ignored, as Terraform does', () => {
    const id = deployIdentity();
    writeStack('identity', adaStack(id));

    const planned = plan('identity');

    expect(planned.code).toBe(0);
    expect(planned.json.resource_changes[0]!.change).not.toHaveProperty('importing');
    expect(planned.stdout).not.toContain('Preparing import');
  });

  it("a target not in the configuration › Terraform's 'Configuration for import target does not exist'", () => {
    const id = deployIdentity();
    writeStack('ada', { ...adaStack(id), import: [{ id, to: 'okta_user.ada_lovelace' }] });

    const planned = plan('ada');

    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Configuration for import target does not exist');
    expect(planned.stderr).toContain(
      'The configuration for the given import target okta_user.ada_lovelace does not exist.',
    );
  });
});

describe('terraform double › removed blocks', () => {
  /** The migration: Ada moves to her own stack (import), then the shared stack lets go of her (removed). */
  function migrateAda(removed: Record<string, unknown>) {
    const id = deployIdentity();
    writeStack('ada', adaStack(id));
    deploy('ada');
    writeStack('identity', { removed: [{ from: 'okta_user.ada', ...removed }], resource: {} });
    return id;
  }

  it('destroy = false › forget: dropped from this state, the other stack untouched, no destroy', () => {
    const id = migrateAda({ lifecycle: { destroy: false } });
    const adaBefore = readFileSync(statePath('ada'), 'utf8');

    const { planned, applied } = deploy('identity');

    expect(planned.code).toBe(2);
    expect(planned.json.resource_changes).toEqual([
      {
        address: 'okta_user.ada',
        mode: 'managed',
        type: 'okta_user',
        name: 'ada',
        provider_name: 'registry.terraform.io/hashicorp/okta',
        change: {
          actions: ['forget'],
          before: { login: 'ada@acme.test', first_name: 'Ada', id },
          after: null,
          after_unknown: {},
          before_sensitive: {},
          after_sensitive: false,
        },
        action_reason: 'delete_because_no_resource_config',
      },
    ]);
    expect(planned.stdout).toContain(
      ' # okta_user.ada will no longer be managed by Terraform, but will not be destroyed\n' +
        ' # (destroy = false is set in the configuration)\n' +
        ' . resource "okta_user" "ada" {\n' +
        `        id = "${id}"\n` +
        '        # (2 unchanged attributes hidden)\n',
    );
    // As Terraform 1.9 writes it: the forgotten object is in planned_values, without values.
    expect(planned.json.planned_values.root_module.resources).toEqual([
      {
        address: 'okta_user.ada',
        mode: 'managed',
        type: 'okta_user',
        name: 'ada',
        provider_name: 'registry.terraform.io/hashicorp/okta',
        schema_version: 0,
        sensitive_values: false,
      },
    ]);
    // Terraform 1.9 counts no forget in "Plan:" and warns about the objects instead.
    expect(planned.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.\n');
    expect(planned.stdout).toContain('Warning: Some objects will no longer be managed by Terraform');
    expect(planned.stdout).toContain(' - okta_user.ada\n');
    expect(applied.stdout).not.toContain('Destroying');
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(state('identity')).toMatchObject({ serial: 2, resources: {} });
    expect(readFileSync(statePath('ada'), 'utf8')).toBe(adaBefore);
    expect(plan('ada').code).toBe(0);
    expect(plan('identity').code).toBe(0);
  });

  it('destroy = true, or no lifecycle › an ordinary delete', () => {
    const id = migrateAda({ lifecycle: { destroy: true } });
    expect(plan('identity').json.resource_changes[0]!.change.actions).toEqual(['delete']);
    writeStack('identity', { removed: [{ from: 'okta_user.ada' }], resource: {} });

    const { planned, applied } = deploy('identity');

    expect(planned.json.resource_changes[0]!.change.actions).toEqual(['delete']);
    expect(planned.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
    expect(planned.stdout).not.toContain('Warning:');
    expect(applied.stdout).toContain(`okta_user.ada: Destroying... [id=${id}]`);
    expect(state('identity').resources).toEqual({});
  });

  it("a removed block for a resource still configured › Terraform's 'Removed resource still exists'", () => {
    deployIdentity();
    writeStack('identity', {
      removed: [{ from: 'okta_user.ada', lifecycle: { destroy: false } }],
      resource: { okta_user: { ada: { login: 'ada@acme.test', first_name: 'Ada' } } },
    });

    const planned = plan('identity');

    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('Error: Removed resource still exists');
    expect(planned.stderr).toContain(
      'This statement declares that okta_user.ada was removed, but it is still declared in configuration.',
    );
  });
});
