import { describe, expect, it } from '@jest/globals';
import { describeSpecChange } from '../../../src/review/describe-spec-change.js';
import { diffIntent } from '../../../src/review/intent-changes.js';
import { toMarkdown } from '../../../src/review/rich-text.js';
import { userDataShownFor } from '../../../src/review/user-data-shown-for.js';
import { specKey } from '../../../src/specs/model.js';
import { stackNameFor } from '../../../src/synth/stacks.js';
import { NOW, bucket, ec2, group } from './fixtures.js';

describe('userDataShownFor', () => {
  const specs = [
    ec2('web', { userData: 'echo hi', showUserDataInPlans: true }),
    ec2('db', { userData: 'echo secret' }),
    ec2('batch', { userData: 'echo x', showUserDataInPlans: false }),
    bucket('logs'),
    group('team'),
  ];
  const specKeysIn = (stack: string) => specs.filter((s) => stackNameFor(s, 'shared') === stack).map(specKey);
  const cases: Array<[string, string[]]> = [
    ['ec2-web', ['aws_instance.instance']],
    ['ec2-db', []],
    ['ec2-batch', []],
    ['s3-logs', []],
    ['identity', []],
    ['ec2-unknown', []],
  ];
  it.each(cases)('stack %s › %j', (stack, expected) => {
    expect([...userDataShownFor(specs, specKeysIn(stack))]).toEqual(expected);
  });

  it('the aws_instance address is the one synth gives the instance', async () => {
    const { synthesize } = await import('../../../src/synth/synthesize.js');
    const { s3Settings } = await import('./fixtures.js');
    const [stack] = synthesize([specs[0]!], { settings: s3Settings, expiries: new Map() });
    const resources = (JSON.parse(stack!.json) as { resource: Record<string, Record<string, unknown>> }).resource;
    const addresses = Object.entries(resources).flatMap(([type, byName]) =>
      Object.keys(byName).map((n) => `${type}.${n}`),
    );
    expect(addresses).toEqual(expect.arrayContaining([...userDataShownFor(specs, stack!.specs)]));
  });
});

describe('intent summary › user data in the field diff', () => {
  const line = (before: Parameters<typeof ec2>[1], after: Parameters<typeof ec2>[1]) => {
    const changes = diffIntent({ base: { specs: [ec2('box', before)] }, head: [ec2('box', after)], now: NOW });
    return toMarkdown(describeSpecChange(changes.specs[0]!));
  };
  it('hidden by default: says it changed, not what it says', () => {
    const text = line({ userData: 'echo old-value' }, { userData: 'echo new-value' });
    expect(text).toContain('`spec.userData` changed (not shown');
    expect(text).not.toMatch(/old-value|new-value/);
  });
  it('hidden while either side keeps it secret', () => {
    const text = line({ userData: 'echo old-value' }, { userData: 'echo new-value', showUserDataInPlans: true });
    expect(text).not.toMatch(/old-value|new-value/);
    expect(text).toContain('`spec.showUserDataInPlans` (none) → true');
  });
  it('shown when both sides mark it non-secret', () => {
    const shown = { showUserDataInPlans: true };
    expect(line({ userData: 'echo old-value', ...shown }, { userData: 'echo new-value', ...shown })).toContain(
      'new-value',
    );
  });
});
