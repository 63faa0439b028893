import type { IntentSpec, IntentSpecOf, OktaUserSpec } from '../../../src/specs/model.js';
import type { OktaGroupRecord, OktaUserRecord } from '../../../src/okta/records.js';

export const NOW = new Date('2030-01-01T00:00:00.000Z');
export const SSO = { awsAccountId: '123456789012', samlProviderName: 'okta', oktaAppLabel: 'AWS Account Federation' };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const meta = (name: string) => ({ name, labels: {} });

export function userSpec(name: string, spec: Partial<OktaUserSpec> & { email: string }): IntentSpecOf<'OktaUser'> {
  return {
    kind: 'OktaUser',
    metadata: meta(name),
    spec: {
      firstName: 'Test',
      lastName: 'User',
      login: spec.email,
      status: 'ACTIVE',
      groups: [],
      customAttributes: {},
      ...spec,
    },
    file: `infra-specs/users/${name}.yaml`,
    hash: `hash-${name}`,
  };
}

export const groupSpec = (name: string, displayName = name, description?: string): IntentSpecOf<'OktaGroup'> => ({
  kind: 'OktaGroup',
  metadata: meta(name),
  spec: { displayName, ...(description === undefined ? {} : { description }) },
  file: `infra-specs/groups/${name}.yaml`,
  hash: `hash-${name}`,
});

export const roleSpec = (name: string, oktaGroup: string): IntentSpecOf<'IamSsoRole'> => ({
  kind: 'IamSsoRole',
  metadata: meta(name),
  spec: { oktaGroup, managedPolicyArns: [], maxSessionDurationSeconds: 3600 },
  file: `infra-specs/roles/${name}.yaml`,
  hash: `hash-${name}`,
});

export function oktaUser(id: string, login: string, fields: Partial<OktaUserRecord> = {}): OktaUserRecord {
  return {
    id,
    login,
    email: login,
    firstName: 'Test',
    lastName: 'User',
    status: 'ACTIVE',
    lastLogin: daysAgo(1),
    created: daysAgo(400),
    ...fields,
  };
}

export const oktaGroup = (id: string, name: string, fields: Partial<OktaGroupRecord> = {}): OktaGroupRecord => ({
  id,
  name,
  description: null,
  type: 'OKTA_GROUP',
  ...fields,
});

/** A small org with one of everything the review must notice. */
export function scenario() {
  const specs: IntentSpec[] = [
    groupSpec('platform-admins', 'Platform Admins', 'Admins'),
    groupSpec('devs'),
    groupSpec('ghost', 'Ghost Team'),
    userSpec('bruce', {
      email: 'bruce.lee@acme.test',
      firstName: 'Bruce',
      lastName: 'Lee',
      groups: ['platform-admins', 'devs'],
    }),
    userSpec('ada', { email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace', status: 'SUSPENDED' }),
    userSpec('carol', { email: 'carol@acme.test', groups: ['devs'] }),
    userSpec('dave', { email: 'dave@acme.test', groups: ['ghost'] }),
    roleSpec('admin', 'platform-admins'),
    roleSpec('readonly', 'devs'),
    roleSpec('ghost-role', 'ghost'),
  ];
  const users: OktaUserRecord[] = [
    oktaUser('u1', 'bruce.lee@acme.test', { firstName: 'Bruce', lastName: 'Lee', lastLogin: daysAgo(10) }),
    oktaUser('u2', 'ada@acme.test', { firstName: 'Ada', lastName: 'Lovelace-King', lastLogin: daysAgo(200) }),
    oktaUser('u3', 'carol@acme.test', { status: 'PROVISIONED', lastLogin: null, created: daysAgo(5) }),
    oktaUser('u4', 'eve@acme.test', { firstName: 'Eve', lastName: '@hacker | *bold*' }),
    oktaUser('u5', 'mallory@acme.test', { status: 'DEPROVISIONED', lastLogin: null }),
    oktaUser('u6', 'frank@acme.test', { status: 'SUSPENDED', lastLogin: daysAgo(300) }),
    oktaUser('u7', '=cmd@acme.test', { lastLogin: null }),
  ];
  const groups: OktaGroupRecord[] = [
    oktaGroup('g0', 'Everyone', { type: 'BUILT_IN' }),
    oktaGroup('g1', 'Platform Admins', { description: 'Admins' }),
    oktaGroup('g2', 'devs', { description: 'Developers' }),
    oktaGroup('g3', 'legacy'),
    oktaGroup('g4', 'AD sales', { type: 'APP_GROUP' }),
  ];
  const memberships = new Map<string, string[]>([
    ['g1', ['u1', 'u4']],
    ['g2', ['u3']],
    ['g3', ['u6']],
    ['g4', []],
  ]);
  return { specs, users, groups, memberships };
}
