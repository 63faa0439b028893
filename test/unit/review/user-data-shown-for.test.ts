import { describe, expect, it } from '@jest/globals';
import { userDataShownFor } from '../../../src/review/user-data-shown-for.js';
import { bucket, ec2, group } from './fixtures.js';

describe('userDataShownFor', () => {
  const specs = [
    ec2('web', { userData: 'echo hi', showUserDataInPlans: true }),
    ec2('db', { userData: 'echo secret' }),
    ec2('batch', { userData: 'echo x', showUserDataInPlans: false }),
    bucket('logs'),
    group('team'),
  ];
  const cases: Array<[string, string[]]> = [
    ['ec2-web', ['aws_instance.instance']],
    ['ec2-db', []],
    ['ec2-batch', []],
    ['s3-logs', []],
    ['identity', []],
    ['ec2-unknown', []],
  ];
  it.each(cases)('stack %s › %j', (stack, expected) => {
    expect([...userDataShownFor(specs, stack)]).toEqual(expected);
  });

  it('the aws_instance address is the one synth gives the instance', async () => {
    const { synthesize } = await import('../../../src/synth/synthesize.js');
    const { s3Settings } = await import('./fixtures.js');
    const [stack] = synthesize([specs[0]!], { settings: s3Settings, expiries: new Map() });
    const resources = (JSON.parse(stack!.json) as { resource: Record<string, Record<string, unknown>> }).resource;
    const addresses = Object.entries(resources).flatMap(([type, byName]) =>
      Object.keys(byName).map((n) => `${type}.${n}`),
    );
    expect(addresses).toEqual(expect.arrayContaining([...userDataShownFor(specs, 'ec2-web')]));
  });
});
