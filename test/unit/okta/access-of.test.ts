import { describe, expect, it } from '@jest/globals';
import { buildPersonAccess } from '../../../src/okta/access-of.js';
import { renderPersonAccess } from '../../../src/okta/render-access-of.js';
import { NOW, SSO, oktaGroup, oktaUser, scenario } from './fixtures.js';

const { specs } = scenario();
const admins = oktaGroup('g1', 'Platform Admins');
const legacy = oktaGroup('g3', 'legacy');

describe('buildPersonAccess', () => {
  it('member of a role group › the role is assumable now; a declared, unapplied group is listed as pending', () => {
    const user = oktaUser('u1', 'bruce.lee@acme.test', { firstName: 'Bruce', lastName: 'Lee' });

    const access = buildPersonAccess({
      email: 'Bruce.Lee@acme.test',
      user,
      groups: [legacy, admins],
      specs,
      now: NOW,
      sso: SSO,
    });

    expect(access).toEqual({
      email: 'Bruce.Lee@acme.test',
      user: {
        login: 'bruce.lee@acme.test',
        email: 'bruce.lee@acme.test',
        name: 'Bruce Lee',
        status: 'ACTIVE',
        lastLogin: '2029-12-31T00:00:00.000Z',
      },
      daysSinceLogin: 1,
      managedBy: 'OktaUser/bruce',
      groups: [
        { name: 'Platform Admins', managedBy: 'OktaGroup/platform-admins' },
        { name: 'legacy', managedBy: null },
      ],
      roles: [
        { role: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', group: 'Platform Admins', source: 'okta' },
        { role: 'readonly', roleArn: 'arn:aws:iam::123456789012:role/readonly', group: 'devs', source: 'spec' },
      ],
      notes: [],
    });
  });

  it('suspended, unmanaged user in a role group › role listed, with a note that they cannot sign in', () => {
    const user = oktaUser('u4', 'eve@acme.test', { status: 'SUSPENDED' });

    const access = buildPersonAccess({ email: 'eve@acme.test', user, groups: [admins], specs, now: NOW });

    expect(access.roles).toEqual([{ role: 'admin', roleArn: null, group: 'Platform Admins', source: 'okta' }]);
    expect(access.notes).toEqual([
      'The account is SUSPENDED, not ACTIVE: it cannot sign in to assume a role until that changes.',
      'No OktaUser spec manages this account.',
    ]);
  });

  it('not in Okta but declared in a spec › pending roles and a note', () => {
    const access = buildPersonAccess({
      email: 'dave@acme.test',
      user: undefined,
      groups: [],
      specs,
      now: NOW,
      sso: SSO,
    });

    expect(access.user).toBeNull();
    expect(access.roles).toEqual([
      { role: 'ghost-role', roleArn: 'arn:aws:iam::123456789012:role/ghost-role', group: 'Ghost Team', source: 'spec' },
    ]);
    expect(access.notes).toEqual([
      'OktaUser/dave declares this person, but Okta has no such user: the spec is not applied yet.',
    ]);
  });

  it('unknown person › no roles, says so', () => {
    const access = buildPersonAccess({ email: 'nobody@acme.test', user: undefined, groups: [], specs, now: NOW });

    expect(access).toMatchObject({
      user: null,
      roles: [],
      notes: ['Okta has no user with this login or email, and no spec declares one.'],
    });
  });
});

describe('renderPersonAccess', () => {
  it('snapshot › a member with a pending role', () => {
    const user = oktaUser('u1', 'bruce.lee@acme.test', { firstName: 'Bruce', lastName: 'Lee' });
    const access = buildPersonAccess({
      email: 'bruce.lee@acme.test',
      user,
      groups: [legacy, admins],
      specs,
      now: NOW,
      sso: SSO,
    });

    expect(renderPersonAccess(access)).toMatchSnapshot();
  });

  it('snapshot › unknown person', () => {
    const access = buildPersonAccess({ email: 'nobody@acme.test', user: undefined, groups: [], specs, now: NOW });

    expect(renderPersonAccess(access)).toMatchSnapshot();
  });
});
