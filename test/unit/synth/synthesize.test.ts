import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { IntentSpec } from '../../../src/specs/model.js';
import { SynthError, emptyStackFor, stackNameFor, synthesize } from '../../../src/synth/synthesize.js';
import { bucket, ec2, group, localSettings, parse, role, s3Settings, user } from './fixtures.js';

const mixed = (): IntentSpec[] => [
  bucket('logs'),
  ec2('box', { ssh: { keyName: 'bruce', allowFrom: ['203.0.113.0/24'] } }),
  user('bruce', { groups: ['admins', 'devs'] }),
  group('admins'),
  group('devs'),
  role('admin', { oktaGroup: 'admins' }),
  ec2('another'),
];

describe('stackNameFor', () => {
  it.each([
    { spec: ec2('box'), name: 'ec2-box' },
    { spec: bucket('logs'), name: 's3-logs' },
    { spec: user('bruce'), name: 'identity' },
    { spec: group('admins'), name: 'identity' },
    { spec: role('admin'), name: 'identity' },
  ])('stackNameFor › $spec.kind › $name', ({ spec, name }) => {
    expect(stackNameFor(spec, 'shared')).toBe(name);
  });
});

describe('synthesize', () => {
  it('stacks › one identity stack for all identity kinds, one per instance and bucket, identity first', () => {
    const stacks = synthesize(mixed(), { settings: s3Settings });
    expect(stacks.map((stack) => stack.name)).toEqual(['identity', 'ec2-another', 'ec2-box', 's3-logs']);
    expect(stacks[0]!.specs).toEqual(['IamSsoRole/admin', 'OktaGroup/admins', 'OktaGroup/devs', 'OktaUser/bruce']);
    expect(stacks[2]!.specs).toEqual(['Ec2Instance/box']);
  });

  it('stacks › no identity specs › no identity stack', () => {
    expect(synthesize([bucket('logs')], { settings: s3Settings }).map((stack) => stack.name)).toEqual(['s3-logs']);
  });

  it('stacks › no specs › nothing', () => {
    expect(synthesize([], { settings: s3Settings })).toEqual([]);
  });

  it('determinism › identical input, in any order › byte-identical output and hashes', () => {
    const first = synthesize(mixed(), { settings: s3Settings });
    const second = synthesize([...mixed()].reverse(), { settings: s3Settings });
    expect(second).toEqual(first);
  });

  it('determinism › output holds no temp paths, cwd or clock', () => {
    const json = synthesize(mixed(), { settings: localSettings })
      .map((stack) => stack.json)
      .join('\n');
    expect(json).not.toContain(process.cwd());
    expect(json).not.toContain('infra-bot-cdktf');
    expect(json).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('hash › is the sha256 of the json, which ends with one newline', () => {
    for (const stack of synthesize(mixed(), { settings: s3Settings })) {
      expect(stack.hash).toBe(createHash('sha256').update(stack.json).digest('hex'));
      expect(stack.json.endsWith('}\n')).toBe(true);
    }
  });

  it('only selected stacks › builds those and skips unknown names', () => {
    const stacks = synthesize(mixed(), { settings: s3Settings, stacks: ['s3-logs', 'ec2-box', 'ec2-gone'] });
    expect(stacks.map((stack) => stack.name)).toEqual(['ec2-box', 's3-logs']);
    const all = synthesize(mixed(), { settings: s3Settings });
    expect(stacks[0]).toEqual(all.find((stack) => stack.name === 'ec2-box'));
  });

  it('resource counts › count managed resources only', () => {
    const counts = Object.fromEntries(
      synthesize(mixed(), { settings: s3Settings }).map((stack) => [stack.name, stack.resourceCount]),
    );
    // identity: 2 groups, user, memberships, app, saml provider, role, assignments
    // ec2: security group, instance, terraform_data (image alias); the SSM parameter is a data source
    // s3: bucket, public access block, ownership, versioning, encryption, policy
    expect(counts).toEqual({ identity: 8, 'ec2-another': 3, 'ec2-box': 3, 's3-logs': 6 });
  });

  it('expiries › a ttl spec with a known expiry › carries ExpiresAt; one without does not', () => {
    const specs = [ec2('box', {}, { ttl: '2h', ttlMs: 7_200_000 }), ec2('other', {}, { ttl: '2h', ttlMs: 7_200_000 })];
    const expiries = new Map([['Ec2Instance/box', '2030-01-01T10:00:00Z']]);
    const [box, other] = synthesize(specs, { settings: s3Settings, expiries }).map((stack) => parse(stack.json));
    expect(box!.resource!.aws_instance!.instance!.tags).toMatchObject({ ExpiresAt: '2030-01-01T10:00:00Z' });
    expect(other!.resource!.aws_instance!.instance!.tags).not.toHaveProperty('ExpiresAt');
  });

  it('expiries › a spec with expiresAt › uses its own', () => {
    const specs = [bucket('tmp', {}, { expiresAt: '2030-02-01T00:00:00Z' })];
    const [stack] = synthesize(specs, { settings: s3Settings });
    expect(parse(stack!.json).resource!.aws_s3_bucket!.bucket!.tags).toMatchObject({
      ExpiresAt: '2030-02-01T00:00:00Z',
    });
  });

  it('errors › two specs with the same kind and name › duplicate-spec', () => {
    expect(() => synthesize([ec2('box'), ec2('box')], { settings: s3Settings })).toThrow(
      expect.objectContaining({ name: 'SynthError', code: 'duplicate-spec' }),
    );
  });

  it('errors › IamSsoRole without sso settings › sso-settings-missing', () => {
    const settings = { ...s3Settings, sso: undefined };
    expect(() => synthesize([group('admins'), role('admin')], { settings })).toThrow(SynthError);
    expect(() => synthesize([group('admins'), role('admin')], { settings })).toThrow(
      expect.objectContaining({ code: 'sso-settings-missing' }),
    );
  });

  it('errors › a reference to a missing OktaGroup › unknown-group', () => {
    expect(() => synthesize([user('bruce', { groups: ['ghosts'] })], { settings: s3Settings })).toThrow(
      expect.objectContaining({ code: 'unknown-group' }),
    );
    expect(() => synthesize([role('admin', { oktaGroup: 'ghosts' })], { settings: s3Settings })).toThrow(
      expect.objectContaining({ code: 'unknown-group' }),
    );
  });

  it('errors › a failed synthesis › leaves the next one unaffected', () => {
    expect(() => synthesize([user('bruce', { groups: ['ghosts'] })], { settings: s3Settings })).toThrow();
    expect(synthesize(mixed(), { settings: s3Settings })).toEqual(synthesize(mixed(), { settings: s3Settings }));
  });
});

describe('emptyStackFor', () => {
  it('removed ec2/s3 stack › backend and aws provider, no resources', () => {
    const stack = emptyStackFor('ec2-gone', s3Settings, 'eu-west-1');
    const config = parse(stack.json);
    expect(stack).toMatchObject({ name: 'ec2-gone', specs: [], resourceCount: 0 });
    expect(config.resource).toBeUndefined();
    expect(config.provider).toEqual({ aws: [{ region: 'eu-west-1' }] });
    expect(config.terraform.backend.s3).toMatchObject({ key: 'infra-bot/acme/infra/ec2-gone.tfstate' });
  });

  it('removed identity stack › okta and aws providers, so both kinds of state can be destroyed', () => {
    const config = parse(emptyStackFor('identity', s3Settings, 'us-east-1').json);
    expect(Object.keys(config.provider!).sort()).toEqual(['aws', 'okta']);
    expect(config.resource).toBeUndefined();
  });

  it('same backend key as the stack it replaces', () => {
    const [live] = synthesize([bucket('logs')], { settings: s3Settings });
    const empty = emptyStackFor('s3-logs', s3Settings, 'us-east-1');
    expect(parse(empty.json).terraform.backend).toEqual(parse(live!.json).terraform.backend);
  });
});
