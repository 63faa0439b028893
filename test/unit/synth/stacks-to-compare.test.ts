// stacksToCompare lets the evaluation synthesise only the stacks whose inputs differ. Its claim, checked here against
// full syntheses: comparing only those stacks finds exactly the stacks (and JSON) a full comparison finds.
import { describe, expect, it } from '@jest/globals';
import { STACK_LAYOUTS } from '../../../src/kinds/kind-definition.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { stacksToCompare, synthesize } from '../../../src/synth/synthesize.js';
import { affectedStacks } from '../../../src/workflow/affected-stacks.js';
import { bucket, ec2, group, role, s3Settings, user } from './fixtures.js';

const base = (): IntentSpec[] => [
  group('admins'),
  group('devs'),
  user('ann', { groups: ['devs', 'admins'] }),
  user('bob', { groups: ['devs'] }),
  user('cy'),
  role('admin', { oktaGroup: 'admins' }),
  ec2('box'),
  bucket('logs'),
];
const without = (specs: IntentSpec[], name: string) => specs.filter((spec) => spec.metadata.name !== name);
const replaced = (specs: IntentSpec[], next: IntentSpec) => [...without(specs, next.metadata.name), next];

const changes: Array<[string, (specs: IntentSpec[]) => IntentSpec[], string[]?]> = [
  ['nothing', (specs) => specs],
  ['a person joins', (specs) => [...specs, user('dee', { groups: ['devs'] })]],
  ['a person moves group', (specs) => replaced(specs, user('bob', { groups: ['admins'] }))],
  ['a person leaves', (specs) => without(specs, 'cy')],
  ['a group is renamed', (specs) => replaced(specs, group('devs', { displayName: 'Developers' }))],
  ['a group and a person in it', (specs) => [...specs, group('data'), user('eve', { groups: ['data'] })], ['data']],
  ['a role for a new group', (specs) => [...specs, group('ops'), role('ops', { oktaGroup: 'ops' })], ['ops']],
  [
    'a role changes',
    (specs) => replaced(specs, role('admin', { oktaGroup: 'admins', maxSessionDurationSeconds: 7200 })),
  ],
  ['an instance changes', (specs) => replaced(specs, ec2('box', { instanceType: 't3.small' }))],
  ['a bucket goes', (specs) => without(specs, 'logs')],
  ['an expiry is set', (specs) => replaced(specs, user('cy', {}, { expiresAt: '2030-01-01T00:00:00Z' }))],
];

describe('stacksToCompare', () => {
  describe.each(STACK_LAYOUTS)('%s layout', (layout) => {
    const settings = { ...s3Settings, identityLayout: layout };
    it.each(changes)('%s › the same affected stacks and JSON as a full comparison', (_label, change, fresh = []) => {
      const before = base();
      const after = change(base());
      const newGroups = new Set(fresh);
      const expiries = new Map([['Ec2Instance/box', '2030-01-01T00:00:00Z']]);
      const full = affectedStacks(
        synthesize(before, { settings, expiries }),
        synthesize(after, { settings, expiries, newGroups }),
      );
      const stacks = [...stacksToCompare(before, after, { settings, expiries, newGroups })];
      const partial = affectedStacks(
        synthesize(before, { settings, expiries, stacks }),
        synthesize(after, { settings, expiries, newGroups, stacks }),
      );
      const shape = (list: typeof full) => list.map((c) => [c.stack, c.change, c.head?.hash, c.base?.hash]);
      expect(shape(partial)).toEqual(shape(full));
      if (layout === 'per-spec') expect(stacks.length).toBeLessThanOrEqual(full.length + 1);
    });
  });

  it('per-spec layout › an onboarding PR compares one stack, however many people there are', () => {
    const settings = { ...s3Settings, identityLayout: 'per-spec' as const };
    const people = Array.from({ length: 300 }, (_, i) => user(`p${i}`, { groups: ['devs'] }));
    const before = [...base(), ...people];
    const after = [...before, user('newcomer', { groups: ['devs', 'admins'] })];
    expect([...stacksToCompare(before, after, { settings })]).toEqual(['okta-user-newcomer']);
  });
});
