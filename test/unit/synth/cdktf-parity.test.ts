// Our serialisation (stack-config.ts + render.ts) must write exactly what CDKTF's own `app.synth()` writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { IntentSpec } from '../../../src/specs/model.js';
import { buildStack } from '../../../src/synth/build-stack.js';
import { createContext } from '../../../src/synth/context.js';
import { engine } from '../../../src/synth/engine.js';
import { planStacks } from '../../../src/synth/stacks.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { bucket, ec2, group, localSettings, role, s3Settings, user } from './fixtures.js';

/** Text shaped like Terraform templates and like CDKTF's own token encodings (see escape.ts). */
const adversarial =
  '${file("x")} %{if 1}$${y}%%{z} ${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]} -8.10956221259138e+298 1e5 ${""}';

const model = (): IntentSpec[] => [
  group('admins', { description: 'Admins of ${everything}' }),
  group('weird', { displayName: adversarial, description: 'String Map Token Value' }),
  group('2024-hires'),
  user('bruce', { groups: ['admins', '2024-hires'], customAttributes: { costCenter: 'x' } }),
  role('admin', {
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::${aws:username}' }],
    },
  }),
  ec2(
    'box',
    { ssh: { keyName: 'k', allowFrom: ['10.0.0.0/8', '::/0'] }, subnetId: 'subnet-1', userData: 'x' },
    { labels: { '2024': 'numeric key' } },
  ),
  ec2('plain', { image: 'ami-0123456789abcdef0', userData: adversarial, tags: { [adversarial]: adversarial } }),
  bucket('logs', {
    encryption: 'aws:kms',
    kmsKeyId: 'k',
    lifecycle: { transitionToIaDays: 30, noncurrentExpireDays: 5 },
  }),
  bucket('tmp', { versioning: false }),
];

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** What `cdktf synth` would write for the same constructs. */
function cdktfSynth(
  specs: IntentSpec[],
  settings: typeof s3Settings,
  newGroups: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-parity-'));
  outdirs.push(outdir);
  const app = new (engine().App)({ outdir, stackTraces: false, skipValidation: true });
  const groups = new Set(specs.filter((spec) => spec.kind === 'OktaGroup').map((spec) => spec.metadata.name));
  const ctx = createContext(settings, new Map([['Ec2Instance/box', '2030-01-01T00:00:00Z']]), {
    all: groups,
    new: newGroups,
  });
  const plans = planStacks(specs, settings.identityLayout);
  for (const plan of plans) buildStack(app, plan, ctx);
  app.synth();
  return new Map(
    plans.map((plan) => [plan.name, fs.readFileSync(path.join(outdir, 'stacks', plan.name, 'cdk.tf.json'), 'utf8')]),
  );
}

describe('parity with cdktf synth', () => {
  const perSpec = (settings: typeof s3Settings) => ({ ...settings, identityLayout: 'per-spec' as const });
  it.each([
    ['with a state bucket', s3Settings, []],
    ['with local state', localSettings, []],
    // Stacks of their own read each other's state: outputs, remote-state lookups, a lookup read during apply.
    ['per-spec layout, with a state bucket', perSpec(s3Settings), ['2024-hires']],
    ['per-spec layout, with local state', perSpec(localSettings), ['admins']],
  ])('%s › every stack’s cdk.tf.json is byte-identical (plus a trailing newline)', (_label, settings, fresh) => {
    const expiries = new Map([['Ec2Instance/box', '2030-01-01T00:00:00Z']]);
    const newGroups = new Set<string>(fresh);
    const ours = synthesize(model(), { settings, expiries, newGroups });
    const theirs = cdktfSynth(model(), settings, newGroups);
    expect(ours.map((stack) => stack.name)).toEqual([...theirs.keys()]);
    for (const stack of ours) expect(stack.json).toBe(`${theirs.get(stack.name)}\n`);
  });
});
