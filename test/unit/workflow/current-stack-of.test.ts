// A deadline's spec is destroyed in the stack it lives in now: after a layout change, the stack recorded at scheduling
// may be the shared `identity` one, whose rebuild without the spec would plan away everything that state still holds.
import { describe, expect, it } from '@jest/globals';
import { currentStackOf } from '../../../src/workflow/expiry/deadlines.js';

describe('currentStackOf', () => {
  it.each([
    ['OktaUser/ada', 'identity', 'per-spec', 'okta-user-ada'],
    ['OktaGroup/sec', 'identity', 'per-spec', 'okta-group-sec'],
    ['IamSsoRole/admin', 'identity', 'per-spec', 'sso'],
    ['OktaUser/ada', 'identity', 'shared', 'identity'],
    ['OktaUser/ada', 'okta-user-ada', 'shared', 'identity'],
    ['Ec2Instance/box', 'ec2-box', 'per-spec', 'ec2-box'],
    ['S3Bucket/logs-2024', 's3-logs-2024', 'shared', 's3-logs-2024'],
  ] as const)('%s recorded in %s, layout %s › %s', (specKey, stack, layout, expected) => {
    expect(currentStackOf({ specKey, stack }, layout)).toBe(expected);
  });

  it('a kind no longer in the table, or a key that is not kind/name › the recorded stack', () => {
    expect(currentStackOf({ specKey: 'RetiredKind/x', stack: 'retired-x' }, 'per-spec')).toBe('retired-x');
    expect(currentStackOf({ specKey: 'nonsense', stack: 'identity' }, 'per-spec')).toBe('identity');
  });
});
