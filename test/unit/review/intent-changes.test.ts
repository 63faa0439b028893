import { describe, expect, it } from '@jest/globals';
import { diffIntent, type DiffIntentInput } from '../../../src/review/intent-changes.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { ACCOUNT, ADMIN, DAY, HOUR, NOW, READ_ONLY, VIEW_ONLY, bucket, ec2, group, role, user } from './fixtures.js';

const diff = (base: IntentSpec[] | undefined, head: IntentSpec[], extra: Partial<DiffIntentInput> = {}) =>
  diffIntent({ base: base && { specs: base }, head, now: NOW, awsAccountId: ACCOUNT, ...extra });

const secEng = group('security-engineering', { displayName: 'Security Engineering' });
const readonlyRole = role('security-readonly', { oktaGroup: 'security-engineering', managedPolicyArns: [READ_ONLY] });
const bruce = (groups: string[], extra = {}) =>
  user('bruce-lee', { email: 'bruce.lee@demoac.com', login: 'bruce.lee@demoac.com', groups, ...extra });

describe('diffIntent › specs', () => {
  it('created, changed, destroyed › one entry each, in that order, with stacks', () => {
    const changes = diff(
      [ec2('box', { instanceType: 't3.micro' }), bucket('old-logs'), group('ops')],
      [ec2('box', { instanceType: 't3.large' }), ec2('new-box'), group('ops')],
    );
    expect(changes.specs.map((c) => [c.type, c.key, c.stack])).toEqual([
      ['created', 'Ec2Instance/new-box', 'ec2-new-box'],
      ['changed', 'Ec2Instance/box', 'ec2-box'],
      ['destroyed', 'S3Bucket/old-logs', 's3-old-logs'],
    ]);
    expect(changes.specs[1]!.fields).toEqual([
      { path: 'spec.instanceType', before: '"t3.micro"', after: '"t3.large"' },
    ]);
    expect(changes.base).toBe('valid');
  });

  it('lists › entries added and removed; the same entries reordered are no change', () => {
    const changes = diff(
      [user('ann', { groups: ['a', 'b'] }), role('r', { managedPolicyArns: [READ_ONLY, ADMIN] })],
      [user('ann', { groups: ['b', 'c'] }), role('r', { managedPolicyArns: [ADMIN, READ_ONLY] })],
    );
    expect(changes.specs).toHaveLength(1);
    expect(changes.specs[0]!.fields).toEqual([{ path: 'spec.groups', added: ['c'], removed: ['a'] }]);
  });

  it('nested documents › paths into the inline policy; labels and owner are fields too', () => {
    const policy = (action: string) => ({
      Version: '2012-10-17' as const,
      Statement: [{ Effect: 'Allow' as const, Action: action, Resource: '*' }],
    });
    const changes = diff(
      [role('r', { inlinePolicy: policy('s3:GetObject') }, { labels: { team: 'a' } })],
      [role('r', { inlinePolicy: policy('s3:*') }, { labels: { team: 'b' }, owner: 'ann@demoac.com' })],
    );
    expect(changes.specs[0]!.fields.map((f) => [f.path, f.before, f.after])).toEqual([
      ['metadata.labels.team', '"a"', '"b"'],
      ['metadata.owner', undefined, '"ann@demoac.com"'],
      ['spec.inlinePolicy.Statement.0.Action', '"s3:GetObject"', '"s3:*"'],
    ]);
  });

  it('a moved file with the same content › no change', () => {
    expect(diff([{ ...ec2('box'), file: 'a.yaml' }], [{ ...ec2('box'), file: 'b.yaml' }]).specs).toEqual([]);
  });
});

describe('diffIntent › expiry', () => {
  it('created with a ttl › expires that long after its first apply', () => {
    const [change] = diff([], [ec2('box', {}, { ttl: '3d', ttlMs: 3 * DAY })]).specs;
    expect(change!.expiry).toEqual({ why: 'new', after: { ttl: '3d', ttlMs: 3 * DAY } });
  });

  it('an applied ttl spec whose ttl grows › its deadline moves by the difference, as an expiring entry', () => {
    const deadline = new Date(NOW.getTime() + 5 * HOUR).toISOString();
    const changes = diff([ec2('box', {}, { ttl: '1d', ttlMs: DAY })], [ec2('box', {}, { ttl: '3d', ttlMs: 3 * DAY })], {
      expiries: new Map([['Ec2Instance/box', deadline]]),
    });
    expect(changes.specs).toHaveLength(1);
    const [change] = changes.specs;
    expect(change!.type).toBe('expiring');
    expect(change!.expiry!.why).toBe('moved');
    expect(change!.expiry!.before!.at).toBe(deadline);
    expect(change!.expiry!.after!.at).toBe(new Date(NOW.getTime() + 5 * HOUR + 2 * DAY).toISOString());
  });

  it('expiresAt removed › no longer expires', () => {
    const at = '2026-12-01T00:00:00.000Z';
    const [change] = diff([bucket('b', {}, { expiresAt: at })], [bucket('b')]).specs;
    expect(change!.expiry).toMatchObject({ why: 'removed', before: { at } });
  });

  it('an unchanged spec due within the window › expiring soon; further away › not listed', () => {
    const soon = new Date(NOW.getTime() + 5 * HOUR).toISOString();
    const later = new Date(NOW.getTime() + 5 * DAY).toISOString();
    const specs = [ec2('soon', {}, { expiresAt: soon }), ec2('later', {}, { expiresAt: later })];
    const changes = diff(specs, specs);
    expect(changes.specs.map((c) => [c.type, c.key, c.expiry?.why])).toEqual([
      ['expiring', 'Ec2Instance/soon', 'soon'],
    ]);
    expect(changes.specs[0]!.expiry!.after!.inMs).toBe(5 * HOUR);
  });

  it('a field change and an expiry change › one changed entry carrying both', () => {
    const [change] = diff(
      [ec2('box', { instanceType: 't3.micro' })],
      [ec2('box', { instanceType: 't3.large' }, { ttl: '2h', ttlMs: 2 * HOUR })],
    ).specs;
    expect(change!.type).toBe('changed');
    expect(change!.fields.map((f) => f.path)).toEqual(['spec.instanceType']);
    expect(change!.expiry!.why).toBe('new');
  });
});

describe('diffIntent › access', () => {
  it('a user joins a group › gains its role, named as people read it', () => {
    const base = [secEng, readonlyRole, bruce([])];
    const { access } = diff(base, [secEng, readonlyRole, bruce(['security-engineering'])]);
    expect(access).toEqual([
      {
        direction: 'gained',
        cause: 'joined-group',
        users: [{ key: 'OktaUser/bruce-lee', name: 'bruce-lee', login: 'bruce.lee@demoac.com' }],
        group: { name: 'security-engineering', displayName: 'Security Engineering' },
        roles: [
          {
            name: 'security-readonly',
            accountId: ACCOUNT,
            policies: ['ReadOnlyAccess'],
            inlinePolicy: false,
            maxSessionSeconds: 3600,
          },
        ],
      },
    ]);
  });

  it.each([
    ['leaves the group', bruce([]), 'left-group'],
    ['is suspended', bruce(['security-engineering'], { status: 'SUSPENDED' }), 'suspended'],
    ['is deprovisioned', bruce(['security-engineering'], { status: 'DEPROVISIONED' }), 'deprovisioned'],
  ] as const)('a user %s › loses the role', (_what, after, cause) => {
    const { access } = diff([secEng, readonlyRole, bruce(['security-engineering'])], [secEng, readonlyRole, after]);
    expect(access.map((s) => [s.direction, s.cause, s.users.map((u) => u.login), s.roles.map((r) => r.name)])).toEqual([
      ['removed', cause, ['bruce.lee@demoac.com'], ['security-readonly']],
    ]);
  });

  it('a user spec removed › loses access; a suspended user who joins a group › gains nothing', () => {
    const removed = diff([secEng, readonlyRole, bruce(['security-engineering'])], [secEng, readonlyRole]).access;
    expect(removed.map((s) => s.cause)).toEqual(['user-removed']);
    const suspended = bruce(['security-engineering'], { status: 'SUSPENDED' });
    expect(diff([secEng, readonlyRole, bruce([])], [secEng, readonlyRole, suspended]).access).toEqual([]);
  });

  it('a suspended user reactivated › gains the role back', () => {
    const suspended = bruce(['security-engineering'], { status: 'SUSPENDED' });
    const { access } = diff([secEng, readonlyRole, suspended], [secEng, readonlyRole, bruce(['security-engineering'])]);
    expect(access.map((s) => [s.direction, s.cause])).toEqual([['gained', 'reactivated']]);
  });

  it('a user joins a group with two roles › one statement listing both roles', () => {
    const second = role('security-audit', { oktaGroup: 'security-engineering', managedPolicyArns: [VIEW_ONLY] });
    const { access } = diff(
      [secEng, readonlyRole, second, bruce([])],
      [secEng, readonlyRole, second, bruce(['security-engineering'])],
    );
    expect(access).toHaveLength(1);
    expect(access[0]!.roles.map((r) => [r.name, r.policies])).toEqual([
      ['security-audit', ['ViewOnlyAccess']],
      ['security-readonly', ['ReadOnlyAccess']],
    ]);
  });

  it('a group gains a role › one statement listing every member', () => {
    const members = [bruce(['security-engineering']), user('ann', { groups: ['security-engineering'] })];
    const { access } = diff([secEng, ...members], [secEng, readonlyRole, ...members]);
    expect(access.map((s) => [s.direction, s.cause, s.users.map((u) => u.login)])).toEqual([
      ['gained', 'role-created', ['ann@demoac.com', 'bruce.lee@demoac.com']],
    ]);
  });

  it('a role moves to another group › the old members lose it, the new ones gain it; removed first', () => {
    const ops = group('ops');
    const ann = user('ann', { groups: ['ops'] });
    const moved = { ...readonlyRole, spec: { ...readonlyRole.spec, oktaGroup: 'ops' } };
    const { access } = diff(
      [secEng, ops, readonlyRole, bruce(['security-engineering']), ann],
      [secEng, ops, moved, bruce(['security-engineering']), ann],
    );
    expect(access.map((s) => [s.direction, s.cause, s.group.name, s.users[0]!.login])).toEqual([
      ['removed', 'role-regrouped', 'security-engineering', 'bruce.lee@demoac.com'],
      ['gained', 'role-regrouped', 'ops', 'ann@demoac.com'],
    ]);
  });

  it('a role gains and loses policies, an inline policy and a longer session › one statement each', () => {
    const before = readonlyRole;
    const after = role('security-readonly', {
      oktaGroup: 'security-engineering',
      managedPolicyArns: [ADMIN, 'arn:aws:iam::210987654321:policy/team/Deploy'],
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      maxSessionDurationSeconds: 4 * 3600,
    });
    const { access } = diff(
      [secEng, before, bruce(['security-engineering'])],
      [secEng, after, bruce(['security-engineering'])],
    );
    expect(access.map((s) => [s.direction, s.cause, s.policies ?? s.inline ?? s.session])).toEqual([
      ['removed', 'policies', ['ReadOnlyAccess']],
      ['gained', 'policies', ['AdministratorAccess', 'Deploy (customer managed, 210987654321)']],
      ['gained', 'inline-policy', 'added'],
      ['gained', 'session', { beforeSeconds: 3600, afterSeconds: 14400 }],
    ]);
  });

  it('a role removed › its members lose it', () => {
    const { access } = diff(
      [secEng, readonlyRole, bruce(['security-engineering'])],
      [secEng, bruce(['security-engineering'])],
    );
    expect(access.map((s) => [s.direction, s.cause])).toEqual([['removed', 'role-removed']]);
  });

  it('a temporary user › the access says until when', () => {
    const temp = bruce(['security-engineering'], {});
    temp.metadata = { ...temp.metadata, expiresAt: '2026-11-24T12:00:00.000Z' };
    const { access } = diff([secEng, readonlyRole], [secEng, readonlyRole, temp]);
    expect(access[0]!.cause).toBe('new-user');
    expect(access[0]!.until).toEqual({ at: '2026-11-24T12:00:00.000Z', inMs: 3 * DAY });
  });
});

describe('diffIntent › bad input', () => {
  it('a base that no longer parses › says so, keeps the problems, still shows the head side', () => {
    const changes = diffIntent({
      base: { invalid: true, problems: ['infra-specs/a.yaml:3:1: spec.size is not a known field'] },
      head: [secEng, readonlyRole, bruce(['security-engineering'])],
      now: NOW,
    });
    expect(changes.base).toBe('invalid');
    expect(changes.baseProblems).toEqual(['infra-specs/a.yaml:3:1: spec.size is not a known field']);
    expect(changes.specs.map((c) => c.key)).toEqual([
      'OktaUser/bruce-lee',
      'OktaGroup/security-engineering',
      'IamSsoRole/security-readonly',
    ]);
    expect(changes.access.map((s) => s.direction)).toEqual(['gained']);
  });

  it('no base at all › everything is created', () => {
    const changes = diffIntent({ base: undefined, head: [ec2('box')], now: NOW });
    expect(changes.base).toBe('absent');
    expect(changes.specs.map((c) => c.type)).toEqual(['created']);
  });
});
