// A plan without refresh, through the real local runner and the terraform double: the flag reaches the CLI, the
// double reads nothing from the "real objects", and the count of resources in state comes back either way.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, request, type Sandbox } from './helpers.js';

interface Plan {
  resource_changes: Array<{ address: string; change: { actions: string[] } }>;
  resource_drift?: Array<{ address: string; change: { actions: string[] } }>;
}

let sb: Sandbox;
let remote: string;
beforeEach(async () => {
  sb = createSandbox();
  remote = join(sb.root, 'remote.json');
  const runner = sb.runner();
  const first = await runner.plan(request(sb));
  if (!first.ok) throw new Error(first.error);
  const applied = await runner.apply({ ...request(sb), planFile: first.planFile });
  if (!applied.ok) throw new Error(applied.error);
  // The bucket's tags were changed outside Terraform.
  writeFileSync(remote, JSON.stringify({ 'aws_s3_bucket.bucket': { tags: { ManagedBy: 'someone-else' } } }));
});
afterEach(() => sb.cleanup());

const planArgs = () =>
  sb
    .invocations()
    .filter((i) => i.argv[0] === 'plan')
    .at(-1)?.argv ?? [];

describe('local runner › refresh', () => {
  it('refresh false › plan -refresh=false; the drift is not read, the state is counted', async () => {
    const result = await sb.runner().plan({ ...request(sb, { env: { TF_DOUBLE_REMOTE: remote } }), refresh: false });
    if (!result.ok) throw new Error(result.error);

    expect(planArgs()).toContain('-refresh=false');
    expect(result.log).not.toContain('Refreshing state');
    const plan = JSON.parse(result.planJson) as Plan;
    expect(plan.resource_drift).toBeUndefined();
    expect(plan.resource_changes.every((c) => c.change.actions[0] === 'no-op')).toBe(true);
    expect(result).toMatchObject({ hasChanges: false, stateResources: 2 });
  });

  it('refresh absent (the default) › no -refresh flag; the drift is read and planned back', async () => {
    const result = await sb.runner().plan(request(sb, { env: { TF_DOUBLE_REMOTE: remote } }));
    if (!result.ok) throw new Error(result.error);

    expect(planArgs().some((arg) => arg.startsWith('-refresh'))).toBe(false);
    expect(result.log).toContain('aws_s3_bucket.bucket: Refreshing state...');
    const plan = JSON.parse(result.planJson) as Plan;
    expect(plan.resource_drift?.map((d) => `${d.address}:${d.change.actions.join('+')}`)).toEqual([
      'aws_s3_bucket.bucket:update',
    ]);
    expect(plan.resource_changes.find((c) => c.address === 'aws_s3_bucket.bucket')?.change.actions).toEqual(['update']);
    expect(result).toMatchObject({ hasChanges: true, stateResources: 2 });
  });

  it('an object deleted outside Terraform › a refreshing plan creates it again; without refresh nothing changes', async () => {
    writeFileSync(remote, JSON.stringify({ 'aws_s3_bucket_versioning.versioning': null }));
    const env = { TF_DOUBLE_REMOTE: remote };
    const skipped = await sb.runner().plan({ ...request(sb, { env }), refresh: false });
    const refreshed = await sb.runner().plan(request(sb, { env }));
    if (!skipped.ok || !refreshed.ok) throw new Error('plan failed');

    expect(skipped.hasChanges).toBe(false);
    const plan = JSON.parse(refreshed.planJson) as Plan;
    expect(plan.resource_drift?.map((d) => d.change.actions[0])).toEqual(['delete']);
    expect(
      plan.resource_changes.find((c) => c.address === 'aws_s3_bucket_versioning.versioning')?.change.actions,
    ).toEqual(['create']);
    expect(refreshed.stateResources).toBe(1);
  });
});
