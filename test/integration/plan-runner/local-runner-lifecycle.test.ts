import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketStack, createSandbox, request, type Sandbox } from './helpers.js';
import { RunnerRequestError } from '../../../src/plan/local-runner.js';

interface PlanJson {
  format_version: string;
  resource_changes: { address: string; change: { actions: string[]; after_unknown: Record<string, boolean> } }[];
}

const actionsOf = (planJson: string) =>
  Object.fromEntries(
    (JSON.parse(planJson) as PlanJson).resource_changes.map((c) => [c.address, c.change.actions.join(',')]),
  );

describe('local runner › lifecycle against the terraform double', () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = createSandbox();
  });
  afterEach(() => sb.cleanup());

  it('plan › new stack › reports changes with the saved plan and its JSON', async () => {
    const result = await sb.runner().plan(request(sb));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hasChanges).toBe(true);
    expect(result.planFile).toBe(join(sb.workDir, 's3-logs.tfplan'));
    expect(existsSync(result.planFile)).toBe(true);
    const plan = JSON.parse(result.planJson) as PlanJson;
    expect(plan.format_version).toBe('1.2');
    expect(actionsOf(result.planJson)).toEqual({
      'aws_s3_bucket.bucket': 'create',
      'aws_s3_bucket_versioning.versioning': 'create',
    });
    expect(result.log).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(result.log).not.toContain('"format_version"'); // the plan JSON is returned, not logged
  });

  it('plan › passes the documented arguments as an array, with the plugin cache created', async () => {
    const result = await sb.runner().plan(request(sb));
    expect(result.ok).toBe(true);

    const planFile = join(sb.workDir, 's3-logs.tfplan');
    expect(sb.invocations().map((i) => i.argv)).toEqual([
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-no-color', '-lock-timeout=60s', '-detailed-exitcode', `-out=${planFile}`],
      ['show', '-json', planFile],
    ]);
    expect(sb.invocations().every((i) => i.cwd === sb.workDir)).toBe(true);
    expect(readdirSync(join(sb.cacheDir, 'registry.terraform.io', 'hashicorp', 'aws'))).toEqual(['5.84.0']);
  });

  it('apply › saved plan › creates the resources and a later plan has no changes', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);

    const applied = await runner.apply({ ...request(sb), planFile: planned.planFile });
    expect(applied).toMatchObject({ ok: true });
    expect(applied.log).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(sb.state()?.serial).toBe(1);
    expect(Object.keys(sb.state()!.resources).sort()).toEqual([
      'aws_s3_bucket.bucket',
      'aws_s3_bucket_versioning.versioning',
    ]);
    expect(sb.invocations().at(-1)?.argv).toEqual([
      'apply',
      '-input=false',
      '-no-color',
      '-lock-timeout=60s',
      planned.planFile,
    ]);

    const again = await runner.plan(request(sb));
    expect(again).toMatchObject({ ok: true, hasChanges: false });
    if (again.ok) expect(Object.values(actionsOf(again.planJson))).toEqual(['no-op', 'no-op']);
  });

  it("apply › stale plan › fails with Terraform's error and leaves state alone", async () => {
    const runner = sb.runner();
    const first = await runner.plan(request(sb));
    if (!first.ok) throw new Error(first.error);
    const stale = join(sb.root, 'stale.tfplan');
    copyFileSync(first.planFile, stale);
    const second = await runner.plan(request(sb));
    if (!second.ok) throw new Error(second.error);
    expect((await runner.apply({ ...request(sb), planFile: second.planFile })).ok).toBe(true);

    const result = await runner.apply({ ...request(sb), planFile: stale });

    expect(result).toMatchObject({ ok: false, phase: 'apply', exitCode: 1, timedOut: false, cancelled: false });
    if (result.ok) return;
    expect(result.error).toMatch(/^Error: Saved plan is stale/);
    expect(sb.state()?.serial).toBe(1);
  });

  it('plan › changed force-new attribute › plans a replacement', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    await runner.apply({ ...request(sb), planFile: planned.planFile });
    sb.writeStack(bucketStack('acme-logs-2'));

    const result = await runner.plan(request(sb));

    expect(result).toMatchObject({ ok: true, hasChanges: true });
    if (result.ok) {
      expect(actionsOf(result.planJson)).toEqual({
        'aws_s3_bucket.bucket': 'delete,create',
        'aws_s3_bucket_versioning.versioning': 'update',
      });
    }
  });

  it('plan › destroy › plans the deletion of everything in state', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    await runner.apply({ ...request(sb), planFile: planned.planFile });

    const result = await runner.plan({ ...request(sb), destroy: true });

    expect(result).toMatchObject({ ok: true, hasChanges: true });
    if (!result.ok) return;
    expect(Object.values(actionsOf(result.planJson))).toEqual(['delete', 'delete']);
    expect(sb.invocations().at(-2)?.argv.at(-1)).toBe('-destroy');
  });

  it('destroy › twice › empties the state, then succeeds on the empty state', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    await runner.apply({ ...request(sb), planFile: planned.planFile });

    const first = await runner.destroy(request(sb));
    const second = await runner.destroy(request(sb));

    expect(first).toMatchObject({ ok: true });
    expect(first.log).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(second).toMatchObject({ ok: true });
    expect(second.log).toContain('Destroy complete! Resources: 0 destroyed.');
    expect(sb.state()?.resources).toEqual({});
    expect(sb.invocations().at(-1)?.argv).toEqual([
      'destroy',
      '-input=false',
      '-no-color',
      '-lock-timeout=60s',
      '-auto-approve',
    ]);
  });

  it('plan › leftover plan file and a failing plan › never passes the old file off as this plan', async () => {
    const leftover = join(sb.workDir, 's3-logs.tfplan');
    writeFileSync(leftover, 'from an earlier run');

    const result = await sb.runner().plan(request(sb, { env: { TF_DOUBLE_FAIL: 'plan' } }));

    expect(result).toMatchObject({ ok: false, phase: 'plan' });
    expect(existsSync(leftover)).toBe(false);
  });

  it('apply › partial failure › reports the failing change and keeps what was applied', async () => {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);

    const result = await runner.apply({
      ...request(sb, { env: { TF_DOUBLE_APPLY_FAIL_AFTER: '1' } }),
      planFile: planned.planFile,
    });

    expect(result).toMatchObject({ ok: false, phase: 'apply', exitCode: 1 });
    if (result.ok) return;
    expect(result.error).toMatch(/^Error: creating aws_s3_bucket_versioning/);
    expect(Object.keys(sb.state()!.resources)).toEqual(['aws_s3_bucket.bucket']);
    const next = await runner.plan(request(sb));
    if (next.ok) expect(actionsOf(next.planJson)['aws_s3_bucket_versioning.versioning']).toBe('create');
  });

  it('concurrent plans on one runner › inits take turns on the shared plugin cache', async () => {
    const other = createSandbox('s3-other');
    try {
      const runner = sb.runner();
      const env = { TF_DOUBLE_DELAY_MS: '400', TF_DOUBLE_LOG: sb.invocationLog };
      const [a, b] = await Promise.all([
        runner.plan(request(sb, { env })),
        runner.plan({ ...request(other, { env }), workDir: other.workDir, stack: other.stack }),
      ]);

      expect([a.ok, b.ok]).toEqual([true, true]);
      const inits = sb.invocations().filter((i) => i.argv[0] === 'init');
      expect(inits).toHaveLength(2);
      expect(Math.abs(inits[1]!.startedAt - inits[0]!.startedAt)).toBeGreaterThanOrEqual(400);
    } finally {
      other.cleanup();
    }
  });

  it('stack name with a path in it › rejected as a caller error before anything runs', async () => {
    await expect(sb.runner().plan({ ...request(sb), stack: '../escape' })).rejects.toBeInstanceOf(RunnerRequestError);
    await expect(sb.runner().plan({ ...request(sb), stack: '../escape' })).rejects.toMatchObject({
      code: 'invalid_stack_name',
    });
    expect(sb.invocations()).toEqual([]);
  });
});
