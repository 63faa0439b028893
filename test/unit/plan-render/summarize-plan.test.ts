import { describe, expect, it } from '@jest/globals';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import {
  createBeforeDestroy,
  createInstance,
  deleteBucket,
  noOp,
  plan,
  replaceInstance,
  resourceChange,
  sensitiveUser,
  updateInstance,
} from './fixtures.js';

const attrs = (p: ReturnType<typeof summarizePlan>, address: string) =>
  p.changes.find((c) => c.address === address)!.attributes;

describe('summarizePlan', () => {
  it('actions › counts create, update, delete, both replace orders and read; no-op is not a change', () => {
    const read = resourceChange('data.aws_ssm_parameter.ami', ['read'], { after_unknown: { value: true } });
    const summary = summarizePlan(
      plan([createInstance, updateInstance, deleteBucket, replaceInstance, createBeforeDestroy, noOp, read]),
    );
    expect(summary.counts).toEqual({
      create: 1,
      update: 1,
      delete: 1,
      replace: 2,
      read: 1,
      forget: 0,
      import: 0,
      move: 0,
      outputs: 0,
    });
    expect(summary.noChanges).toBe(false);
    expect(summary.changes.map((c) => [c.address, c.action, c.replaceOrder])).toEqual([
      ['aws_s3_bucket.logs', 'delete', undefined],
      ['aws_iam_role.sso', 'replace', 'create-before-destroy'],
      ['aws_instance.db', 'replace', 'delete-before-create'],
      ['aws_instance.web', 'update', undefined],
      ['aws_instance.devbox', 'create', undefined],
      ['data.aws_ssm_parameter.ami', 'read', undefined],
    ]);
  });

  it('only no-ops › noChanges', () => {
    const summary = summarizePlan(plan([noOp]));
    expect(summary).toEqual({
      counts: { create: 0, update: 0, delete: 0, replace: 0, read: 0, forget: 0, import: 0, move: 0, outputs: 0 },
      changes: [],
      noChanges: true,
      outputs: [],
      drift: [],
    });
    expect(summarizePlan(plan([], { resource_changes: undefined })).noChanges).toBe(true);
  });

  it('ordering › by risk (destroy first), then address, whatever order Terraform used', () => {
    const second = resourceChange('aws_instance.a', ['update'], {
      before: { ami: 'x' },
      after: { ami: 'y' },
    });
    const a = summarizePlan(plan([updateInstance, createInstance, second, deleteBucket])).changes;
    const b = summarizePlan(plan([deleteBucket, second, updateInstance, createInstance])).changes;
    expect(a.map((c) => c.address)).toEqual(b.map((c) => c.address));
    expect(a.map((c) => c.address)).toEqual([
      'aws_s3_bucket.logs',
      'aws_instance.a',
      'aws_instance.web',
      'aws_instance.devbox',
    ]);
  });

  it('create › lists every non-null leaf with dotted paths, unknowns as (known after apply)', () => {
    expect(attrs(summarizePlan(plan([createInstance])), 'aws_instance.devbox')).toEqual([
      { path: 'ami', after: '"ami-0abc1234"', sensitive: false, unknown: false },
      { path: 'arn', after: '(known after apply)', sensitive: false, unknown: true },
      { path: 'id', after: '(known after apply)', sensitive: false, unknown: true },
      { path: 'instance_type', after: '"t3.micro"', sensitive: false, unknown: false },
      { path: 'metadata_options.0.http_endpoint', after: '"enabled"', sensitive: false, unknown: false },
      { path: 'metadata_options.0.http_tokens', after: '"required"', sensitive: false, unknown: false },
      { path: 'public_ip', after: '(known after apply)', sensitive: false, unknown: true },
      { path: 'root_block_device.0.encrypted', after: 'true', sensitive: false, unknown: false },
      { path: 'root_block_device.0.volume_id', after: '(known after apply)', sensitive: false, unknown: true },
      { path: 'root_block_device.0.volume_size', after: '8', sensitive: false, unknown: false },
      { path: 'root_block_device.0.volume_type', after: '"gp3"', sensitive: false, unknown: false },
      { path: 'tags.InfraSpec', after: '"Ec2Instance/devbox"', sensitive: false, unknown: false },
      { path: 'tags.ManagedBy', after: '"infra-bot"', sensitive: false, unknown: false },
      { path: 'tags["kubernetes.io/role"]', after: '"none"', sensitive: false, unknown: false },
    ]);
  });

  it('update › lists only the changed leaves', () => {
    expect(attrs(summarizePlan(plan([updateInstance])), 'aws_instance.web')).toEqual([
      { path: 'root_block_device.0.volume_size', before: '8', after: '20', sensitive: false, unknown: false },
      { path: 'tags.Team', before: '"blue"', after: '"green"', sensitive: false, unknown: false },
    ]);
  });

  it('update › an attribute set to null or newly set shows one side only', () => {
    const change = resourceChange('aws_instance.x', ['update'], {
      before: { description: 'echo hi', key_name: null },
      after: { description: null, key_name: 'ops' },
    });
    expect(attrs(summarizePlan(plan([change])), 'aws_instance.x')).toEqual([
      { path: 'description', before: '"echo hi"', sensitive: false, unknown: false },
      { path: 'key_name', after: '"ops"', sensitive: false, unknown: false },
    ]);
  });

  it('list indexes › are ordered numerically', () => {
    const items = Array.from({ length: 12 }, (_, i) => `10.0.${i}.0/24`);
    const change = resourceChange('aws_security_group.x', ['create'], { after: { cidrs: items } });
    const paths = attrs(summarizePlan(plan([change])), 'aws_security_group.x').map((a) => a.path);
    expect(paths).toEqual(items.map((_, i) => `cidrs.${i}`));
  });

  it('delete › lists every non-null leaf of the old object and keeps the action reason', () => {
    const [change] = summarizePlan(plan([deleteBucket])).changes;
    expect(change!.reason).toBe('delete_because_no_resource_config');
    expect(change!.attributes).toEqual([
      { path: 'bucket', before: '"acme-logs"', sensitive: false, unknown: false },
      { path: 'force_destroy', before: 'false', sensitive: false, unknown: false },
      { path: 'tags.ManagedBy', before: '"infra-bot"', sensitive: false, unknown: false },
    ]);
  });

  it('replace › marks the attributes that force replacement', () => {
    expect(attrs(summarizePlan(plan([replaceInstance])), 'aws_instance.db')).toEqual([
      {
        path: 'ami',
        before: '"ami-old"',
        after: '"ami-new"',
        sensitive: false,
        unknown: false,
        forcesReplacement: true,
      },
      { path: 'id', before: '"i-0999"', after: '(known after apply)', sensitive: false, unknown: true },
    ]);
  });

  it('sensitive › a marked leaf and a marked subtree become (sensitive), the subtree as one leaf', () => {
    const attributes = attrs(summarizePlan(plan([sensitiveUser])), 'okta_user.bruce');
    expect(attributes).toEqual([
      {
        path: 'custom_profile_attributes',
        before: '(sensitive)',
        after: '(sensitive)',
        sensitive: true,
        unknown: false,
      },
      { path: 'password', before: '(sensitive)', after: '(sensitive)', sensitive: true, unknown: false },
      { path: 'title', before: '"Engineer"', after: '"Staff Engineer"', sensitive: false, unknown: false },
    ]);
    const text = JSON.stringify(attributes);
    for (const hidden of ['OldPassw0rd', 'NewPassw0rd', '1001', '1002', 'employeeNumber', 'badge']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('sensitive › an unchanged sensitive value is not listed at all', () => {
    const change = resourceChange('okta_user.x', ['update'], {
      before: { password: 'same-pass', title: 'a' },
      after: { password: 'same-pass', title: 'b' },
      before_sensitive: { password: true },
      after_sensitive: { password: true },
    });
    expect(attrs(summarizePlan(plan([change])), 'okta_user.x').map((a) => a.path)).toEqual(['title']);
  });

  it('sensitive › a whole object marked sensitive on create hides even its shape', () => {
    const change = resourceChange('aws_secretsmanager_secret_version.x', ['create'], {
      after: { secret_string: 'p4ss', nested: { deep: ['x'] } },
      after_sensitive: true,
    });
    expect(attrs(summarizePlan(plan([change])), 'aws_secretsmanager_secret_version.x')).toEqual([
      { path: '(value)', after: '(sensitive)', sensitive: true, unknown: false },
    ]);
  });

  it('sensitive and unknown › is shown as (sensitive)', () => {
    const change = resourceChange('okta_app.x', ['create'], {
      after: { label: 'x' },
      after_unknown: { client_secret: true },
      after_sensitive: { client_secret: true },
    });
    expect(attrs(summarizePlan(plan([change])), 'okta_app.x')[0]).toEqual({
      path: 'client_secret',
      after: '(sensitive)',
      sensitive: true,
      unknown: true,
    });
  });

  it('secrets option › any value containing a known secret becomes (sensitive), wherever it sits', () => {
    const secret = 'tok_9f8e7d6c5b4a';
    const change = resourceChange('aws_instance.leaky', ['update'], {
      before: { user_data: 'old', tags: { Note: 'x' } },
      after: { user_data: `#!/bin/sh\nexport TOKEN=${secret}\n`, tags: { Note: `see ${secret}` } },
    });
    // User data shown as text (the spec says it is not secret) is still scrubbed of known secrets.
    const shown = new Set(['aws_instance.leaky']);
    const summary = summarizePlan(plan([change]), { secrets: [secret, 'abc', ''], userDataShownFor: shown });
    expect(attrs(summary, 'aws_instance.leaky')).toEqual([
      { path: 'tags.Note', before: '"x"', after: '(sensitive)', sensitive: true, unknown: false },
      { path: 'user_data', before: '"old"', after: '(sensitive)', sensitive: true, unknown: false },
    ]);
    expect(JSON.stringify(summary)).not.toContain(secret);
  });

  it('secrets option › short secrets (< 4 characters) are ignored rather than blanking everything', () => {
    const change = resourceChange('aws_instance.x', ['create'], { after: { ami: 'abc-1' } });
    const summary = summarizePlan(plan([change]), { secrets: ['abc'] });
    expect(attrs(summary, 'aws_instance.x')[0]!.after).toBe('"abc-1"');
  });

  it('secrets option › a secret in a map key or address is scrubbed from the path too', () => {
    const secret = 'hunter22';
    const change = resourceChange(`aws_instance.x["${secret}"]`, ['create'], { after: { tags: { [secret]: 'v' } } });
    const summary = summarizePlan(plan([change]), { secrets: [secret] });
    expect(JSON.stringify(summary)).not.toContain(secret);
    expect(summary.changes[0]!.attributes[0]!.path).toBe('tags.(sensitive)');
  });

  it('forget › counts separately and lists no attribute removals', () => {
    const forget = resourceChange('aws_instance.kept', ['forget'], { before: { id: 'i-1' } });
    const summary = summarizePlan(plan([forget]));
    expect(summary.counts.forget).toBe(1);
    expect(summary.changes[0]).toMatchObject({ action: 'forget', attributes: [] });
  });

  it('deposed objects › keep their deposed key', () => {
    const deposed = resourceChange('aws_instance.db', ['delete'], { before: { id: 'i-old' } }, { deposed: 'a1b2c3d4' });
    expect(summarizePlan(plan([deposed])).changes[0]!.deposed).toBe('a1b2c3d4');
  });
});
