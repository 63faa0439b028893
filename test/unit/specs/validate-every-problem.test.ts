import { describe, expect, it } from '@jest/globals';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';
import { validateSpecs } from '../../../src/specs/validate-specs.js';

// A spec that fails its schema still goes through every other check on its valid fields: one run, every problem.

const NOW = new Date('2026-11-21T12:00:00Z');
const CONFIG = `
defaults: { region: us-east-1 }
policy:
  allowedRegions: [us-east-1]
  allowedInstanceTypes: [t3.micro]
  maxTtl: 30d
  requireTtl: [Ec2Instance]
  requiredLabels: [team]
sso: { awsAccountId: "123456789012" }
s3: { namePrefix: acme }
`;
const GROUP = 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: team, labels: { team: a } }\nspec: {}\n';
const doc = (kind: string, metadata: string, spec: string) =>
  `apiVersion: infra-bot/v1\nkind: ${kind}\nmetadata:\n${metadata}spec:\n${spec}`;

function lines(files: Record<string, string>): string[] {
  const result = validateSpecs({
    files: Object.entries({ 'infra-specs/team.yaml': GROUP, ...files }).map(([path, content]) => ({ path, content })),
    configText: CONFIG,
    now: NOW,
  });
  return result.diagnostics.map(formatDiagnostic);
}

const cases: Array<[string, Record<string, string>, string[]]> = [
  [
    'the four-problem spec: missing field, unknown field, bad CIDR, ttl with expiresAt',
    {
      'infra-specs/box.yaml': doc(
        'Ec2Instance',
        '  name: box\n  ttl: 2h\n  expiresAt: 2026-11-22T00:00:00Z\n  labels: { team: a }\n',
        '  instanceTyp: t3.micro\n  ssh: { allowFrom: [10.0.0.0/33] }\n',
      ),
    },
    [
      'infra-specs/box.yaml:6:3: metadata.ttl and metadata.expiresAt are both set: use one of them',
      'infra-specs/box.yaml:8:1: spec.image is required',
      'infra-specs/box.yaml:9:3: unknown field "spec.instanceTyp"; did you mean "instanceType"?',
      'infra-specs/box.yaml:10:22: spec.ssh.allowFrom: "10.0.0.0/33" is not a CIDR block (e.g. 203.0.113.4/32 or 2001:db8::/64)',
    ],
  ],
  [
    'policy checks on a spec that failed its schema: region, instance type, SSH from anywhere, ttl, labels',
    {
      'infra-specs/box.yaml': doc(
        'Ec2Instance',
        '  name: box\n',
        '  image: windows\n  region: eu-west-1\n  instanceType: m5.large\n  ssh: { allowFrom: [0.0.0.0/0] }\n',
      ),
    },
    [
      'infra-specs/box.yaml:3:1: Ec2Instance specs must set metadata.ttl or metadata.expiresAt (policy in .github/infra.yml)',
      'infra-specs/box.yaml:3:1: metadata.labels.team is required (policy in .github/infra.yml)',
      'infra-specs/box.yaml:6:10: spec.image must be one of',
      'infra-specs/box.yaml:7:11: spec.region eu-west-1 is not allowed; allowed regions: us-east-1',
      'infra-specs/box.yaml:8:17: instance type m5.large is not allowed; allowed types: t3.micro',
      'infra-specs/box.yaml:9:22: spec.ssh.allowFrom 0.0.0.0/0 opens SSH to the whole internet',
    ],
  ],
  [
    'S3Bucket: an unknown field, and the naming, lifecycle and forceDestroy rules still checked',
    {
      'infra-specs/logs.yaml': doc(
        'S3Bucket',
        '  name: logs\n  labels: { team: a }\n',
        '  bucketName: Bad_Name\n  versionng: true\n  forceDestroy: true\n  lifecycle: { transitionToIaDays: 40, expireDays: 30 }\n',
      ),
    },
    [
      'infra-specs/logs.yaml:7:15: spec.bucketName',
      'infra-specs/logs.yaml:8:3: unknown field "spec.versionng"; did you mean "versioning"?',
      'infra-specs/logs.yaml:9:17: spec.forceDestroy: true is only allowed on a spec with metadata.ttl or metadata.expiresAt',
      'infra-specs/logs.yaml:10:52: spec.lifecycle.expireDays (30) must be greater than spec.lifecycle.transitionToIaDays (40)',
    ],
  ],
  [
    'OktaUser: a missing lastName, a group listed twice and a group no spec declares',
    {
      'infra-specs/ada.yaml': doc(
        'OktaUser',
        '  name: ada\n  labels: { team: a, ManagedBy: me }\n',
        '  email: ada@example.com\n  firstName: Ada\n  groups: [team, team, ghosts]\n',
      ),
    },
    [
      'infra-specs/ada.yaml:5:22: metadata.labels.ManagedBy: "ManagedBy" is set by infra-bot and cannot be overridden',
      'infra-specs/ada.yaml:6:1: spec.lastName is required',
      'infra-specs/ada.yaml:9:18: spec.groups lists "team" twice',
      'infra-specs/ada.yaml:9:24: spec.groups: no OktaGroup spec is named "ghosts"',
    ],
  ],
  [
    'IamSsoRole: a bad policy ARN, and the session length, group reference and statement rules still checked',
    {
      'infra-specs/role.yaml': doc(
        'IamSsoRole',
        '  name: readers\n  labels: { team: a }\n',
        '  oktaGroup: nobody\n  managedPolicyArns: [not-an-arn]\n  maxSessionDuration: 13h\n' +
          '  inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Resource: "*" }] }\n',
      ),
    },
    [
      'infra-specs/role.yaml:7:14: spec.oktaGroup: no OktaGroup spec is named "nobody"',
      'infra-specs/role.yaml:8:23: spec.managedPolicyArns',
      'infra-specs/role.yaml:9:23: spec.maxSessionDuration must be between 1h and 12h',
      'infra-specs/role.yaml:10:54: spec.inlinePolicy.Statement.0 needs exactly one of Action or NotAction',
    ],
  ],
  [
    'cross-spec: a duplicate name is reported on both specs, even when one failed its schema',
    {
      'infra-specs/a.yaml': doc('OktaGroup', '  name: team\n  labels: { team: a }\n', '  colour: red\n'),
    },
    [
      'infra-specs/a.yaml:4:9: OktaGroup name "team" is already used by infra-specs/team.yaml',
      'infra-specs/a.yaml:7:3: unknown field "spec.colour"',
      'infra-specs/team.yaml:3:19: OktaGroup name "team" is already used by infra-specs/a.yaml',
    ],
  ],
  [
    'a field that is set but invalid is not taken for absent (no "needs a ttl" on a spec with a bad ttl)',
    {
      'infra-specs/logs.yaml': doc(
        'S3Bucket',
        '  name: logs\n  ttl: soon\n  labels: { team: a }\n',
        '  forceDestroy: true\n',
      ),
      'infra-specs/box.yaml': doc('Ec2Instance', '  name: box\n  ttl: 2x\n  labels: 7\n', '  image: ubuntu-24.04\n'),
    },
    [
      'infra-specs/box.yaml:5:8: metadata.ttl must be a duration',
      'infra-specs/box.yaml:6:11: metadata.labels must be a mapping of strings',
      'infra-specs/logs.yaml:5:8: metadata.ttl must be a duration',
    ],
  ],
  [
    'a nested mapping that fails its schema still has its valid fields checked (ssh, lifecycle, inlinePolicy)',
    {
      'infra-specs/box.yaml': doc(
        'Ec2Instance',
        '  name: box\n  ttl: 2h\n  labels: { team: a }\n',
        '  image: ubuntu-24.04\n  ssh: { keyNam: me, allowFrom: [300.0.0.1/32] }\n',
      ),
      'infra-specs/logs.yaml': doc(
        'S3Bucket',
        '  name: logs\n  labels: { team: a }\n',
        '  lifecycle: { transitionToIaDays: 10, expireDays: 0 }\n',
      ),
      'infra-specs/role.yaml': doc(
        'IamSsoRole',
        '  name: readers\n  labels: { team: a }\n',
        '  oktaGroup: team\n  inlinePolicy: { Version: "2020", Statement: [{ Effect: Allow, Action: "s3:*" }] }\n',
      ),
    },
    [
      'infra-specs/box.yaml:9:10: unknown field "spec.ssh.keyNam"; did you mean "keyName"?',
      'infra-specs/box.yaml:9:34: spec.ssh.allowFrom: "300.0.0.1/32" is not a CIDR block',
      'infra-specs/logs.yaml:7:36: spec.lifecycle.transitionToIaDays must be at least 30 (an S3 rule)',
      'infra-specs/logs.yaml:7:52: spec.lifecycle.expireDays must be at least 1',
      'infra-specs/role.yaml:8:28: spec.inlinePolicy.Version',
      'infra-specs/role.yaml:8:48: spec.inlinePolicy.Statement.0 needs exactly one of Resource or NotResource',
    ],
  ],
  [
    'encryption aws:kms without kmsKeyId is the AWS-managed key: valid',
    { 'infra-specs/logs.yaml': doc('S3Bucket', '  name: logs\n  labels: { team: a }\n', '  encryption: aws:kms\n') },
    [],
  ],
  [
    'kmsKeyId with AES256 is still a mistake',
    {
      'infra-specs/logs.yaml': doc(
        'S3Bucket',
        '  name: logs\n  labels: { team: a }\n',
        '  encryption: AES256\n  kmsKeyId: alias/logs\n',
      ),
    },
    ['infra-specs/logs.yaml:8:3: spec.kmsKeyId is only used with spec.encryption: aws:kms'],
  ],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('validateSpecs › every problem in one run', () => {
  it.each(cases)('%s', (_name, files, expected) => {
    const actual = lines(files);
    expect(actual).toEqual(expected.map((prefix) => expect.stringMatching(`^${escapeRegExp(prefix)}`)));
    expect(new Set(actual).size).toBe(actual.length);
  });
});
