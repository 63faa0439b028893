import { describe, expect, it } from '@jest/globals';
import { readPolicy, samePolicy } from '../../../src/review/policy-document.js';
import { isBroad, policyDelta, widens } from '../../../src/review/policy-widening.js';

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const deny = (Action: unknown, Resource: unknown = '*', extra: Statement = {}): Statement => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});
const LOGS = 'arn:aws:s3:::logs/*';

describe('readPolicy + samePolicy', () => {
  const same: Array<[string, unknown, unknown]> = [
    ['a string and a one-element list', doc(allow('s3:GetObject', LOGS)), doc(allow(['s3:GetObject'], [LOGS]))],
    [
      'Action and Resource lists in another order',
      doc(allow(['s3:GetObject', 's3:ListBucket'], [LOGS, 'arn:aws:s3:::logs'])),
      doc(allow(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::logs', LOGS])),
    ],
    ['statements in another order', doc(allow('a:A'), deny('b:B')), doc(deny('b:B'), allow('a:A'))],
    ['a JSON string and an object', JSON.stringify(doc(allow('s3:*'))), doc(allow('s3:*'))],
    ['Sids differ', doc(allow('s3:*', '*', { Sid: 'One' })), doc(allow('s3:*', '*', { Sid: 'Two' }))],
    [
      'condition keys and values in another order',
      doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:a': ['x', 'y'], 'aws:b': 'z' } } })),
      doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:b': ['z'], 'aws:a': ['y', 'x'] } } })),
    ],
    [
      'Principal "*" and {AWS: "*"}',
      doc(allow('s3:*', '*', { Principal: '*' })),
      doc(allow('s3:*', '*', { Principal: { AWS: '*' } })),
    ],
  ];
  it.each(same)('%s › same', (_name, a, b) => {
    expect(samePolicy(readPolicy(a)!, readPolicy(b)!)).toBe(true);
  });

  const different: Array<[string, unknown, unknown]> = [
    // A string-prefix comparison would call these equal.
    ['an action that is a prefix of another', doc(allow('s3:Get')), doc(allow('s3:GetObject'))],
    ['one more action', doc(allow('s3:GetObject')), doc(allow(['s3:GetObject', 's3:PutObject']))],
    ['Allow vs Deny', doc(allow('s3:*')), doc(deny('s3:*'))],
    ['Action vs NotAction', doc(allow('iam:*')), doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    [
      'a condition added',
      doc(allow('s3:*')),
      doc(allow('s3:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
    ],
  ];
  it.each(different)('%s › different', (_name, a, b) => {
    expect(samePolicy(readPolicy(a)!, readPolicy(b)!)).toBe(false);
  });

  const unreadable: Array<[string, unknown]> = [
    ['not JSON', '{"Statement": ['],
    ['no Statement', { Version: '2012-10-17' }],
    ['an Effect that is neither', doc({ Effect: 'Maybe', Action: 's3:*', Resource: '*' })],
    ['both Action and NotAction', doc({ Effect: 'Allow', Action: 'a:A', NotAction: 'b:B', Resource: '*' })],
    ['a number as an action', doc(allow(3))],
  ];
  it.each(unreadable)('%s › undefined, never a throw', (_name, value) => {
    expect(readPolicy(value)).toBeUndefined();
  });
});

describe('policyDelta', () => {
  const read = (v: unknown) => readPolicy(v);
  // [name, before, after, widens, narrows (= after → before widens), first widened grant as text]
  const cases: Array<[string, unknown, unknown, boolean, boolean, string | undefined]> = [
    ['the same policy', doc(allow('s3:GetObject', LOGS)), doc(allow('s3:GetObject', LOGS)), false, false, undefined],
    [
      'an action widened to service:*',
      doc(allow('s3:GetObject', LOGS)),
      doc(allow('s3:*', LOGS)),
      true,
      false,
      's3:* on arn:aws:s3:::logs/*',
    ],
    [
      'a resource widened to *',
      doc(allow('s3:GetObject', LOGS)),
      doc(allow('s3:GetObject', '*')),
      true,
      false,
      's3:GetObject on *',
    ],
    ['everything', doc(allow('s3:GetObject', LOGS)), doc(allow('*', '*')), true, false, '* on *'],
    [
      'an action added',
      doc(allow('s3:GetObject', LOGS)),
      doc(allow(['s3:GetObject', 's3:PutObject'], LOGS)),
      true,
      false,
      's3:PutObject on arn:aws:s3:::logs/*',
    ],
    ['narrowed to one action', doc(allow('s3:*', LOGS)), doc(allow('s3:GetObject', LOGS)), false, true, undefined],
    [
      'a narrower action already covered by a wildcard',
      doc(allow('s3:Get*', '*')),
      doc(allow('s3:GetObject', LOGS)),
      false,
      true,
      undefined,
    ],
    [
      'actions compared case-insensitively',
      doc(allow('S3:GetObject', LOGS)),
      doc(allow('s3:getobject', LOGS)),
      false,
      false,
      undefined,
    ],
    ['a deny dropped', doc(allow('s3:*'), deny('s3:DeleteBucket')), doc(allow('s3:*')), true, false, undefined],
    ['a deny added', doc(allow('s3:*')), doc(allow('s3:*'), deny('s3:DeleteBucket')), false, true, undefined],
    [
      'a condition removed',
      doc(allow('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      doc(allow('s3:*', '*')),
      true,
      false,
      's3:* on *',
    ],
    [
      'a NotAction statement added',
      doc(allow('s3:GetObject')),
      doc(allow('s3:GetObject'), { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      true,
      false,
      'everything except iam:* on *',
    ],
    [
      'a principal widened to anyone',
      doc(allow('s3:GetObject', LOGS, { Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
      doc(allow('s3:GetObject', LOGS, { Principal: '*' })),
      true,
      false,
      's3:GetObject on arn:aws:s3:::logs/* for *',
    ],
    ['from no policy', undefined, doc(allow('ec2:Describe*')), true, false, 'ec2:Describe* on *'],
    ['to no policy', doc(allow('ec2:Describe*')), undefined, false, true, undefined],
  ];
  it.each(cases)('%s', (_name, before, after, wider, narrower, first) => {
    const more = policyDelta(read(before), read(after));
    expect(widens(more)).toBe(wider);
    expect(widens(policyDelta(read(after), read(before)))).toBe(narrower);
    const g = more.allowsMore[0];
    const text =
      g &&
      `${g.notActions ? 'everything except ' : ''}${g.actions.join(',')} on ${g.resources.join(',')}${g.principals.length ? ` for ${g.principals.join(',')}` : ''}`;
    expect(text).toBe(first);
  });

  const broad: Array<[string, unknown, boolean]> = [
    ['*', doc(allow('*', LOGS)), true],
    ['service:*', doc(allow('s3:*', LOGS)), true],
    ['Resource *', doc(allow('s3:GetObject', '*')), true],
    ['one action on one bucket', doc(allow('s3:GetObject', LOGS)), false],
    ['a prefix wildcard', doc(allow('s3:Get*', LOGS)), false],
  ];
  it.each(broad)('isBroad › %s › %s', (_name, after, expected) => {
    expect(policyDelta(undefined, read(after)).allowsMore.some(isBroad)).toBe(expected);
  });
});
