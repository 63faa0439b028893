import { describe, expect, it } from '@jest/globals';
import { buildAccessReview } from '../../../src/okta/access-review.js';
import { NOW, SSO, oktaUser, scenario, userSpec } from './fixtures.js';

const review = (overrides: Partial<Parameters<typeof buildAccessReview>[0]> = {}) =>
  buildAccessReview({ ...scenario(), now: NOW, sso: SSO, ...overrides });

describe('buildAccessReview', () => {
  it('users › every user, by login, with status, last login, groups and the spec managing them', () => {
    const { users } = review();

    expect(users.map((u) => u.login)).toEqual([
      '=cmd@acme.test',
      'ada@acme.test',
      'bruce.lee@acme.test',
      'carol@acme.test',
      'eve@acme.test',
      'frank@acme.test',
      'mallory@acme.test',
    ]);
    expect(users.find((u) => u.login === 'bruce.lee@acme.test')).toEqual({
      id: 'u1',
      login: 'bruce.lee@acme.test',
      email: 'bruce.lee@acme.test',
      name: 'Bruce Lee',
      status: 'ACTIVE',
      lastLogin: '2029-12-22T00:00:00.000Z',
      groups: ['Platform Admins'],
      managedBy: 'OktaUser/bruce',
      inactive: false,
      daysSinceLogin: 10,
      drift: ['groups'],
    });
  });

  it('inactive › no sign-in within inactiveDays, never-signed-in by creation date, suspended accounts excluded', () => {
    const { inactive } = review();

    // ada: 200 days; =cmd: never signed in, created 400 days ago; carol: never, but created 5 days ago.
    expect(inactive.map((u) => u.login)).toEqual(['=cmd@acme.test', 'ada@acme.test']);
    expect(review({ inactiveDays: 365 }).inactive.map((u) => u.login)).toEqual(['=cmd@acme.test']);
  });

  it('inactiveDays › not a whole number ≥ 1 › refused', () => {
    expect(() => review({ inactiveDays: 0 })).toThrow('inactiveDays');
  });

  it('unmanaged › users without a spec (active first) and OKTA_GROUP groups without a spec', () => {
    const r = review();

    expect(r.unmanagedUsers.map((u) => `${u.login} ${u.status}`)).toEqual([
      '=cmd@acme.test ACTIVE',
      'eve@acme.test ACTIVE',
      'frank@acme.test SUSPENDED',
      'mallory@acme.test DEPROVISIONED',
    ]);
    expect(r.unmanagedGroups).toEqual([{ id: 'g3', name: 'legacy', members: 1 }]);
  });

  it('drift › status, names, membership, missing objects, group description and unmanaged members', () => {
    const { drift } = review();

    expect(drift).toEqual([
      {
        spec: 'OktaGroup/devs',
        file: 'infra-specs/groups/devs.yaml',
        kind: 'changed',
        differences: [{ field: 'description', spec: '', okta: 'Developers' }],
      },
      { spec: 'OktaGroup/ghost', file: 'infra-specs/groups/ghost.yaml', kind: 'missing', differences: [] },
      {
        spec: 'OktaGroup/platform-admins',
        file: 'infra-specs/groups/platform-admins.yaml',
        kind: 'changed',
        differences: [{ field: 'members without a spec', spec: '', okta: 'eve@acme.test' }],
      },
      {
        spec: 'OktaUser/ada',
        file: 'infra-specs/users/ada.yaml',
        kind: 'changed',
        differences: [
          { field: 'status', spec: 'SUSPENDED', okta: 'ACTIVE' },
          { field: 'lastName', spec: 'Lovelace', okta: 'Lovelace-King' },
        ],
      },
      {
        spec: 'OktaUser/bruce',
        file: 'infra-specs/users/bruce.yaml',
        kind: 'changed',
        differences: [{ field: 'groups', spec: 'devs, platform-admins', okta: '-devs' }],
      },
      { spec: 'OktaUser/dave', file: 'infra-specs/users/dave.yaml', kind: 'missing', differences: [] },
    ]);
  });

  it('drift › spec ACTIVE vs Okta PROVISIONED (activated, no password yet) › not drift', () => {
    const carol = review().users.find((u) => u.login === 'carol@acme.test');

    expect(carol).toMatchObject({ status: 'PROVISIONED', managedBy: 'OktaUser/carol', drift: [] });
  });

  it('matching › login differs from the email › matched by the only user with that email', () => {
    const { specs, ...rest } = scenario();
    const r = buildAccessReview({
      ...rest,
      specs: [...specs, userSpec('zed', { email: 'zed@acme.test', login: 'zed' })],
      users: [...rest.users, oktaUser('u9', 'zed-old-login', { email: 'ZED@acme.test' })],
      now: NOW,
    });

    expect(r.drift.find((d) => d.spec === 'OktaUser/zed')?.differences).toEqual([
      { field: 'login', spec: 'zed', okta: 'zed-old-login' },
    ]);
  });

  it('roles › members by spec and live, with who is only in Okta or only in specs, and the role ARN', () => {
    const { roles } = review();

    expect(roles).toEqual([
      {
        role: 'admin',
        roleArn: 'arn:aws:iam::123456789012:role/admin',
        group: 'platform-admins',
        groupName: 'Platform Admins',
        groupInOkta: true,
        bySpec: ['bruce.lee@acme.test'],
        live: [
          { login: 'bruce.lee@acme.test', status: 'ACTIVE' },
          { login: 'eve@acme.test', status: 'ACTIVE' },
        ],
        onlyInOkta: ['eve@acme.test'],
        onlyInSpec: [],
      },
      {
        role: 'ghost-role',
        roleArn: 'arn:aws:iam::123456789012:role/ghost-role',
        group: 'ghost',
        groupName: 'Ghost Team',
        groupInOkta: false,
        bySpec: ['dave@acme.test'],
        live: [],
        onlyInOkta: [],
        onlyInSpec: ['dave@acme.test'],
      },
      {
        role: 'readonly',
        roleArn: 'arn:aws:iam::123456789012:role/readonly',
        group: 'devs',
        groupName: 'devs',
        groupInOkta: true,
        bySpec: ['bruce.lee@acme.test', 'carol@acme.test'],
        live: [{ login: 'carol@acme.test', status: 'PROVISIONED' }],
        onlyInOkta: [],
        onlyInSpec: ['bruce.lee@acme.test'],
      },
    ]);
  });

  it('roles › no sso settings › no ARN', () => {
    expect(review({ sso: undefined }).roles[0]!.roleArn).toBeNull();
  });

  it('counts › consistent with the lists', () => {
    expect(review().counts).toEqual({
      users: 7,
      byStatus: { ACTIVE: 4, PROVISIONED: 1, DEPROVISIONED: 1, SUSPENDED: 1 },
      groups: 5,
      managedUsers: 3,
      managedGroups: 2,
      inactive: 2,
      unmanagedUsers: 4,
      unmanagedGroups: 1,
      drift: 6,
      roles: 3,
    });
  });

  describe('partial data', () => {
    const partial = {
      reason: 'rate-limited' as const,
      message: 'Okta GET /api/v1/users: still rate limited after 3 retries',
      missing: ['users: the listing stopped after 7 users'],
      usersComplete: false,
      groupsComplete: true,
      groupsWithoutMembers: ['g2'],
    };

    it('users incomplete › a spec user not read is undetermined, not "missing in Okta"', () => {
      const { memberships, ...rest } = scenario();
      memberships.delete('g2');
      const r = buildAccessReview({ ...rest, memberships, now: NOW, partial });

      expect(r.drift.map((d) => d.spec)).not.toContain('OktaUser/dave');
      expect(r.undetermined).toEqual([
        'OktaUser/dave: not among the 7 users read',
        'OktaGroup/devs: members not read, membership drift not checked',
        'IamSsoRole/readonly: who is in devs is unknown',
      ]);
      expect(r.partial).toBe(partial);
    });

    it('members of a group not read › no membership drift claimed for it', () => {
      const { memberships, ...rest } = scenario();
      memberships.delete('g2');
      const r = buildAccessReview({ ...rest, memberships, now: NOW, partial });

      // bruce is declared in devs and not a member of it, but devs' members were not read.
      expect(r.drift.find((d) => d.spec === 'OktaUser/bruce')).toBeUndefined();
    });
  });
});
