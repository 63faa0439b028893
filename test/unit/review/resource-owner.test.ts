// Pins resource-owner.ts against real synthesis: if synth/ renames a construct, these fail before reviews go wrong.
import { describe, expect, it } from '@jest/globals';
import { ownerOf, parseAddress, primaryAddress } from '../../../src/review/resource-owner.js';
import { specKey, type IntentSpec } from '../../../src/specs/model.js';
import { STACK_LAYOUTS, type StackLayout } from '../../../src/kinds/kind-definition.js';
import { stackNameFor, synthesize, type SynthesizedStack } from '../../../src/synth/synthesize.js';
import { READ_ONLY, VIEW_ONLY, bucket, ec2, group, role, s3Settings, user } from './fixtures.js';

const specs: IntentSpec[] = [
  group('admins'),
  group('team-a'),
  user('ann', { groups: ['admins', 'team-a'] }),
  user('bob'),
  role('admin-ro', {
    managedPolicyArns: [READ_ONLY, VIEW_ONLY],
    inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
  }),
  ec2('box', { ssh: { allowFrom: ['10.0.0.0/8'] }, subnetId: 'subnet-0123abcd' }),
  bucket('logs', { lifecycle: { expireDays: 30 } }),
];
const stacksIn: Record<StackLayout, SynthesizedStack[]> = {
  shared: synthesize(specs, { settings: s3Settings }),
  'per-spec': synthesize(specs, { settings: { ...s3Settings, identityLayout: 'per-spec' } }),
};
const addresses = (json: string) => {
  const config = JSON.parse(json) as { resource?: Record<string, Record<string, unknown>> };
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((n) => `${type}.${n}`),
  );
};

describe('ownerOf', () => {
  it.each(STACK_LAYOUTS)(
    '%s layout › every synthesized resource › belongs to the spec that made it, or to the federation',
    (layout) => {
      const owners = stacksIn[layout].flatMap((stack) =>
        addresses(stack.json).map((address) => {
          const owner = ownerOf(stack.name, address);
          return [stack.name, address, owner && ('spec' in owner ? owner.spec : 'federation')];
        }),
      );
      expect(owners.filter(([, , owner]) => owner === undefined)).toEqual([]);
      for (const [stack, , owner] of owners) {
        if (owner === 'federation') continue;
        const spec = specs.find((s) => specKey(s) === owner);
        expect(spec && stackNameFor(spec, layout)).toBe(stack);
      }
      expect(new Set(owners.map(([, , owner]) => owner))).toEqual(new Set([...specs.map(specKey), 'federation']));
    },
  );

  it.each(STACK_LAYOUTS)('%s layout › every spec › its primary resource is in its stack', (layout) => {
    for (const spec of specs) {
      const stack = stacksIn[layout].find((s) => s.name === stackNameFor(spec, layout))!;
      expect(addresses(stack.json)).toContain(primaryAddress(spec));
    }
  });

  it('addresses › modules, indexes and data sources are read; nonsense is not', () => {
    expect(parseAddress('module.a.aws_instance.box[0]')).toEqual({ type: 'aws_instance', name: 'box', data: false });
    expect(parseAddress('data.aws_ssm_parameter.ami')).toEqual({ type: 'aws_ssm_parameter', name: 'ami', data: true });
    expect(parseAddress('nonsense')).toBeUndefined();
    expect(ownerOf('identity', 'okta_user.something_else')).toBeUndefined();
  });
});
