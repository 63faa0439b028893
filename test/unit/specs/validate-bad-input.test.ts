import { describe, expect, it } from '@jest/globals';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';
import { MAX_SPEC_FILES, validateSpecs } from '../../../src/specs/validate-specs.js';

const NOW = new Date('2026-11-21T12:00:00Z');

const CONFIG = `
defaults: { region: us-east-1 }
policy:
  allowedRegions: [us-east-1]
  allowedInstanceTypes: [t3.micro, t3.small]
  maxTtl: 30d
  requireTtl: [Ec2Instance]
sso: { awsAccountId: "123456789012" }
s3: { namePrefix: acme }
`;

const GROUP = `apiVersion: infra-bot/v1
kind: OktaGroup
metadata:
  name: team
spec:
  description: A team
`;

const box = (body: string, metadata = '  ttl: 2h\n') =>
  `apiVersion: infra-bot/v1\nkind: Ec2Instance\nmetadata:\n  name: box\n${metadata}spec:\n  image: ubuntu-24.04\n${body}`;
const bucket = (body: string, metadata = '') =>
  `apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: logs\n${metadata}spec:\n${body || '  versioning: true\n'}`;
const role = (body: string) =>
  `apiVersion: infra-bot/v1\nkind: IamSsoRole\nmetadata:\n  name: readers\nspec:\n  oktaGroup: team\n${body}`;

function run(files: Record<string, string>, configText: string | undefined = CONFIG) {
  return validateSpecs({
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
    configText,
    now: NOW,
  });
}

const lines = (files: Record<string, string>, configText?: string) =>
  run(files, configText).diagnostics.map(formatDiagnostic);

// Each case: files → the diagnostics expected (every one, in order). A test fails if a problem is missed,
// misplaced, or if an extra one appears.
const cases: Array<[string, Record<string, string>, string[]]> = [
  [
    'YAML syntax error',
    { 'infra-specs/a.yaml': 'apiVersion: infra-bot/v1\nkind: [OktaGroup\n' },
    ['infra-specs/a.yaml:3:1: YAML syntax error:'],
  ],
  [
    'duplicate keys',
    { 'infra-specs/a.yaml': `${GROUP}  description: again\n` },
    ['infra-specs/a.yaml:7:3: duplicate key: each key may appear once in a mapping'],
  ],
  [
    'more than one document in a file',
    { 'infra-specs/a.yaml': `${GROUP}---\n${GROUP}` },
    ['infra-specs/a.yaml:7:1: one spec per file'],
  ],
  ['empty file', { 'infra-specs/a.yaml': '\n' }, ['infra-specs/a.yaml:1:1: file is empty: expected one spec']],
  [
    'unknown apiVersion',
    { 'infra-specs/a.yaml': GROUP.replace('infra-bot/v1', 'infra-bot/v2') },
    ['infra-specs/a.yaml:1:13: unknown apiVersion "infra-bot/v2"; expected "infra-bot/v1"'],
  ],
  [
    'unknown kind with a suggestion',
    { 'infra-specs/a.yaml': GROUP.replace('kind: OktaGroup', 'kind: OktaGrup') },
    ['infra-specs/a.yaml:2:7: unknown kind "OktaGrup"; did you mean "OktaGroup"?'],
  ],
  [
    'unknown field with a suggestion',
    { 'infra-specs/a.yaml': box('  instanceTyp: t3.micro\n') },
    ['infra-specs/a.yaml:8:3: unknown field "spec.instanceTyp"; did you mean "instanceType"?'],
  ],
  [
    'unknown metadata field',
    { 'infra-specs/a.yaml': box('', '  ttl: 2h\n  expires: 2026-12-01T00:00:00Z\n') },
    ['infra-specs/a.yaml:6:3: unknown field "metadata.expires"; did you mean "expiresAt"?'],
  ],
  [
    'wrong types',
    { 'infra-specs/a.yaml': box('  rootVolumeGiB: big\n  ssh: yes\n') },
    [
      'infra-specs/a.yaml:8:18: spec.rootVolumeGiB must be a whole number of GiB',
      'infra-specs/a.yaml:9:8: spec.ssh must be a mapping: { keyName, allowFrom: [CIDR…] }',
    ],
  ],
  [
    'a required field missing',
    {
      'infra-specs/a.yaml': `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: ann\nspec:\n  firstName: Ann\n  lastName: Lee\n`,
    },
    ['infra-specs/a.yaml:5:1: spec.email is required'],
  ],
  [
    'name with a path',
    { 'infra-specs/a.yaml': GROUP.replace('name: team', 'name: ../x') },
    ['infra-specs/a.yaml:4:9: metadata.name must be a DNS label'],
  ],
  [
    'absolute-path name',
    { 'infra-specs/a.yaml': GROUP.replace('name: team', 'name: /abs') },
    ['infra-specs/a.yaml:4:9: metadata.name must be a DNS label'],
  ],
  [
    'uppercase name',
    { 'infra-specs/a.yaml': GROUP.replace('name: team', 'name: Team') },
    ['infra-specs/a.yaml:4:9: metadata.name must be a DNS label'],
  ],
  [
    'name of 64 characters',
    { 'infra-specs/a.yaml': GROUP.replace('name: team', `name: ${'a'.repeat(64)}`) },
    ['infra-specs/a.yaml:4:9: metadata.name must be a DNS label'],
  ],
  [
    'duplicate names within a kind name both files',
    { 'infra-specs/a.yaml': GROUP, 'infra-specs/b/c.yaml': GROUP },
    [
      'infra-specs/a.yaml:4:9: OktaGroup name "team" is already used by infra-specs/b/c.yaml',
      'infra-specs/b/c.yaml:4:9: OktaGroup name "team" is already used by infra-specs/a.yaml',
    ],
  ],
  [
    'reference to a missing group',
    {
      'infra-specs/a.yaml': `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: ann\nspec:\n  email: ann@demoac.com\n  firstName: Ann\n  lastName: Lee\n  groups: [team, tema]\n`,
      'infra-specs/g.yaml': GROUP,
    },
    ['infra-specs/a.yaml:9:18: spec.groups: no OktaGroup spec is named "tema"'],
  ],
  [
    'role referencing a missing group',
    { 'infra-specs/r.yaml': role('  managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n') },
    ['infra-specs/r.yaml:6:14: spec.oktaGroup: no OktaGroup spec is named "team" (there are no OktaGroup specs)'],
  ],
  [
    'ttl and expiresAt together',
    { 'infra-specs/a.yaml': box('', '  ttl: 2h\n  expiresAt: 2026-11-22T00:00:00Z\n') },
    ['infra-specs/a.yaml:6:3: metadata.ttl and metadata.expiresAt are both set: use one of them'],
  ],
  [
    'duration that does not parse',
    { 'infra-specs/a.yaml': box('', '  ttl: 3 days\n') },
    ['infra-specs/a.yaml:5:8: metadata.ttl must be a duration such as "30m", "2h", "3d" or "1w" (units m, h, d, w)'],
  ],
  [
    'ttl over policy.maxTtl',
    { 'infra-specs/a.yaml': box('', '  ttl: 5w\n') },
    ['infra-specs/a.yaml:5:8: metadata.ttl 5w exceeds policy.maxTtl 30d (policy in .github/infra.yml)'],
  ],
  [
    'expiresAt beyond policy.maxTtl',
    { 'infra-specs/a.yaml': box('', '  expiresAt: 2027-06-01T00:00:00Z\n') },
    ['infra-specs/a.yaml:5:14: metadata.expiresAt 2027-06-01T00:00:00.000Z is more than policy.maxTtl 30d from now'],
  ],
  [
    'kind in policy.requireTtl without expiry',
    { 'infra-specs/a.yaml': box('', '') },
    [
      'infra-specs/a.yaml:3:1: Ec2Instance specs must set metadata.ttl or metadata.expiresAt (policy in .github/infra.yml)',
    ],
  ],
  [
    'disallowed region',
    { 'infra-specs/a.yaml': box('  region: eu-west-1\n') },
    ['infra-specs/a.yaml:8:11: spec.region eu-west-1 is not allowed; allowed regions: us-east-1'],
  ],
  [
    'disallowed instance type',
    { 'infra-specs/a.yaml': box('  instanceType: m5.24xlarge\n') },
    ['infra-specs/a.yaml:8:17: instance type m5.24xlarge is not allowed; allowed types: t3.micro, t3.small'],
  ],
  [
    'SSH from 0.0.0.0/0',
    { 'infra-specs/a.yaml': box('  ssh:\n    allowFrom: [203.0.113.4/32, 0.0.0.0/0]\n') },
    ['infra-specs/a.yaml:9:33: spec.ssh.allowFrom 0.0.0.0/0 opens SSH to the whole internet'],
  ],
  [
    'SSH from ::/0',
    { 'infra-specs/a.yaml': box('  ssh:\n    allowFrom: ["::/0"]\n') },
    ['infra-specs/a.yaml:9:17: spec.ssh.allowFrom ::/0 opens SSH to the whole internet'],
  ],
  [
    'invalid email',
    {
      'infra-specs/a.yaml': `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: ann\nspec:\n  email: ann-at-demoac\n  firstName: Ann\n  lastName: Lee\n`,
    },
    ['infra-specs/a.yaml:6:10: spec.email must be an email address'],
  ],
  [
    'invalid CIDR',
    { 'infra-specs/a.yaml': box('  ssh:\n    allowFrom: [10.0.0.300/32]\n') },
    ['infra-specs/a.yaml:9:17: spec.ssh.allowFrom: "10.0.0.300/32" is not a CIDR block'],
  ],
  [
    'invalid AMI id',
    { 'infra-specs/a.yaml': box('').replace('ubuntu-24.04', 'ami-12345') },
    ['infra-specs/a.yaml:7:10: spec.image must be one of ubuntu-24.04, ubuntu-22.04, amazon-linux-2023 or an AMI id'],
  ],
  [
    'invalid explicit bucket name',
    { 'infra-specs/a.yaml': bucket('  bucketName: Logs_Bucket\n') },
    ['infra-specs/a.yaml:6:15: spec.bucketName may contain only lowercase letters, digits, "." and "-"'],
  ],
  [
    'default bucket name too long',
    { 'infra-specs/a.yaml': bucket('  versioning: true\n').replace('name: logs', `name: ${'l'.repeat(60)}`) },
    ['infra-specs/a.yaml:4:9: the default bucket name "acme-llll'],
  ],
  [
    'invalid ARN',
    { 'infra-specs/g.yaml': GROUP, 'infra-specs/r.yaml': role('  managedPolicyArns: [arn:aws:iam::aws:role/Admin]\n') },
    ['infra-specs/r.yaml:7:23: spec.managedPolicyArns.0: spec.managedPolicyArns entries must be IAM policy ARNs'],
  ],
  [
    'forceDestroy without expiry',
    { 'infra-specs/a.yaml': bucket('  forceDestroy: true\n') },
    [
      'infra-specs/a.yaml:6:17: spec.forceDestroy: true is only allowed on a spec with metadata.ttl or metadata.expiresAt',
    ],
  ],
  [
    'lifecycle days out of order',
    {
      'infra-specs/a.yaml': bucket(
        '  lifecycle:\n    transitionToIaDays: 60\n    transitionToGlacierDays: 45\n    expireDays: 30\n',
      ),
    },
    [
      'infra-specs/a.yaml:8:30: spec.lifecycle.transitionToGlacierDays (45) must be greater than spec.lifecycle.transitionToIaDays (60)',
      'infra-specs/a.yaml:9:17: spec.lifecycle.expireDays (30) must be greater than spec.lifecycle.transitionToGlacierDays (45)',
    ],
  ],
  [
    'inlinePolicy that is not an IAM policy document',
    {
      'infra-specs/g.yaml': GROUP,
      'infra-specs/r.yaml': role('  inlinePolicy:\n    Statement:\n      - Effect: Permit\n        Action: s3:*\n'),
    },
    [
      'infra-specs/r.yaml:7:3: spec.inlinePolicy.Version is required',
      'infra-specs/r.yaml:9:17: spec.inlinePolicy.Statement.0.Effect: Effect must be Allow or Deny',
    ],
  ],
  [
    'inline policy statement without Resource',
    {
      'infra-specs/g.yaml': GROUP,
      'infra-specs/r.yaml': role(
        "  inlinePolicy:\n    Version: '2012-10-17'\n    Statement:\n      - Effect: Allow\n        Action: s3:*\n",
      ),
    },
    ['infra-specs/r.yaml:10:9: spec.inlinePolicy.Statement.0 needs exactly one of Resource or NotResource'],
  ],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('validateSpecs › bad input', () => {
  it.each(cases)('%s → a precise diagnostic at the right file and line', (_name, files, expected) => {
    const result = run(files);
    const actual = result.diagnostics.map(formatDiagnostic);
    expect(result.ok).toBe(false);
    expect(result.specs).toEqual([]);
    expect(actual).toEqual(expected.map((prefix) => expect.stringMatching(`^${escapeRegExp(prefix)}`)));
  });

  it('reports every problem in every file, not only the first', () => {
    const result = lines({
      'infra-specs/a.yaml': box('  instanceTyp: t3.micro\n  region: eu-west-1\n'),
      'infra-specs/b.yaml': bucket('  forceDestroy: true\n  encryption: aws:kms\n'),
    });
    expect(result).toEqual([
      expect.stringMatching(/^infra-specs\/a\.yaml:8:3: unknown field "spec\.instanceTyp"/),
      expect.stringMatching(/^infra-specs\/a\.yaml:9:11: spec\.region eu-west-1 is not allowed/),
      expect.stringMatching(/^infra-specs\/b\.yaml:6:17: spec\.forceDestroy/),
    ]);
  });

  it('rejects files over the size cap without parsing them', () => {
    const result = validateSpecs({
      files: [{ path: 'infra-specs/big.yaml', content: 'x', size: 10_000_000 }],
      now: NOW,
    });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'infra-specs/big.yaml:1:1: file is 10000000 bytes; spec files are limited to 131072 bytes',
    ]);
  });

  it('accepts 20,000 spec files and rejects more with one error naming the count and the limit', () => {
    expect(MAX_SPEC_FILES).toBeGreaterThanOrEqual(20_000);
    const files = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ path: `infra-specs/g${index}.yaml`, content: '' }));
    const atCap = validateSpecs({ files: files(MAX_SPEC_FILES), now: NOW }).diagnostics;
    expect(atCap).toHaveLength(MAX_SPEC_FILES); // each file is checked: one error per empty file
    expect(validateSpecs({ files: files(MAX_SPEC_FILES + 1), now: NOW }).diagnostics.map(formatDiagnostic)).toEqual([
      `infra-specs:1:1: ${MAX_SPEC_FILES + 1} spec files found; at most ${MAX_SPEC_FILES} are supported in one repository`,
    ]);
  });

  it('rejects a billion-laughs document quickly with bounded memory', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const content = `apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: lol\n  labels:\n${levels.map((l) => `    ${l}`).join('\n')}\nspec: {}\n`;
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = lines({ 'infra-specs/lol.yaml': content });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
    expect(result).toEqual([
      expect.stringMatching(/^infra-specs\/lol\.yaml:\d+:\d+: YAML anchors and aliases expand too far/),
    ]);
  });

  it('reports a malformed repo config against .github/infra.yml and still checks the specs', () => {
    const result = lines(
      { 'infra-specs/a.yaml': GROUP.replace('name: team', 'name: Team') },
      'policy:\n  maxTTL: 3d\nterraform:\n  runner: lambda\n',
    );
    expect(result).toEqual([
      expect.stringMatching(/^\.github\/infra\.yml:2:3: unknown field "policy\.maxTTL"; did you mean "maxTtl"\?/),
      expect.stringMatching(/^\.github\/infra\.yml:4:11: terraform\.runner: /),
      expect.stringMatching(/^infra-specs\/a\.yaml:4:9: metadata\.name must be a DNS label/),
    ]);
  });

  it('reports a repo config that is not YAML', () => {
    expect(lines({}, 'policy: [\n')).toEqual([expect.stringMatching(/^\.github\/infra\.yml:2:1: YAML syntax error/)]);
  });

  it('needs the sso section for IamSsoRole specs', () => {
    const result = lines(
      {
        'infra-specs/g.yaml': GROUP,
        'infra-specs/r.yaml': role('  managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n'),
      },
      'defaults: { region: us-east-1 }\n',
    );
    expect(result).toEqual([
      expect.stringMatching(/^infra-specs\/r\.yaml:2:7: IamSsoRole needs the sso section in \.github\/infra\.yml/),
    ]);
  });

  it('warns, without failing, about an expiresAt in the past', () => {
    const result = run({ 'infra-specs/a.yaml': box('', '  expiresAt: 2026-11-20T00:00:00Z\n') });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'infra-specs/a.yaml:5:14: warning: metadata.expiresAt 2026-11-20T00:00:00.000Z is in the past',
    ]);
  });
});
