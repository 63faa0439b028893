import { describe, expect, it } from '@jest/globals';
import { findSecretsInUserData } from '../../../src/kinds/ec2-instance/check-user-data.js';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';
import { validateSpecs } from '../../../src/specs/validate-specs.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const CONFIG = 'defaults: { region: us-east-1 }\n';

// Built from parts so that no scanner mistakes this test for a leak.
const ACCESS_KEY = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const SESSION_KEY = ['ASIA', 'QWERTYUIOP', 'ASDFGH'].join('');
const SECRET_KEY = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const GITHUB = ['ghp', '_', 'a'.repeat(36)].join('');
const SLACK = ['xoxb', '-1234567890-', 'abcdefghijkl'].join('');
const PEM = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
const OPENSSH = ['-----BEGIN', 'OPENSSH PRIVATE KEY-----'].join(' ');

const box = (userData: string, extra = '') =>
  [
    'apiVersion: infra-bot/v1',
    'kind: Ec2Instance',
    'metadata:',
    '  name: box',
    'spec:',
    '  image: ubuntu-24.04',
    extra,
    '  userData: |',
    ...userData.split('\n').map((line) => `    ${line}`),
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');

const validate = (text: string) =>
  validateSpecs({ files: [{ path: 'infra-specs/box.yaml', content: text }], configText: CONFIG, now: NOW });

describe('findSecretsInUserData', () => {
  const secretLines: Array<[string, string, string]> = [
    ['AWS access key id', `export AWS_ACCESS_KEY_ID=${ACCESS_KEY}`, 'an AWS access key id'],
    ['AWS session key id', `key=${SESSION_KEY}`, 'an AWS access key id'],
    ['AWS secret access key', `aws_secret_access_key = ${SECRET_KEY}`, 'an AWS secret access key'],
    ['PEM private key', PEM, 'a private key (PEM)'],
    ['OpenSSH private key', OPENSSH, 'a private key (PEM)'],
    ['password= assignment', 'DB_PASSWORD=hunter2hunter2', 'a password or secret assignment'],
    ['PASSWORD: assignment', 'PASSWORD: "s3cr3t-value"', 'a password or secret assignment'],
    ['api key assignment', 'api_key=abcd1234efgh', 'a password or secret assignment'],
    ['bearer token', `curl -H "Authorization: Bearer ${'x'.repeat(32)}" https://example.com`, 'a bearer token'],
    ['GitHub token', `git clone https://${GITHUB}@github.com/acme/app`, 'a GitHub token'],
    ['Slack token', `SLACK=${SLACK}`, 'a Slack token'],
    ['URL with a password', 'pg_dump postgres://admin:pa55word@db.internal/app', 'a URL with a password in it'],
  ];
  it.each(secretLines)('finds %s', (_name, line, what) => {
    expect(findSecretsInUserData(`#!/bin/bash\n${line}\necho done`)).toEqual([{ line: 2, what }]);
  });

  const ordinary: Array<[string, string]> = [
    ['a package install', '#!/bin/bash\napt-get update\napt-get install -y nginx\nsystemctl enable --now nginx'],
    ['a password fetched from SSM', 'DB_PASSWORD=$(aws ssm get-parameter --name /app/db --with-decryption)'],
    ['a password from a variable', 'PASSWORD="${DB_PASSWORD}"\nexport API_KEY=$API_KEY'],
    ['a cloud-config', '#cloud-config\npackages: [git]\nusers:\n  - name: deploy\n    lock_passwd: true'],
    ['a public key', 'ssh_authorized_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB deploy@example'],
    ['a plain URL', 'curl -fsSL https://example.com/install.sh | sh'],
  ];
  it.each(ordinary)('finds nothing in %s', (_name, userData) => {
    expect(findSecretsInUserData(userData)).toEqual([]);
  });

  it('reports one finding per line, numbered from 1', () => {
    const found = findSecretsInUserData(`${PEM}\nok\nPASSWORD=abcdefgh ${ACCESS_KEY}`);
    expect(found.map((f) => f.line)).toEqual([1, 3]);
    expect(found[1]!.what).toBe('an AWS access key id');
  });
});

describe('validateSpecs › userData that looks like it holds a secret', () => {
  it('warns at the file line, naming what it found, never the secret, and the spec stays valid', () => {
    const result = validate(box(`#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${ACCESS_KEY}\necho hi`));
    expect(result.ok).toBe(true);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    // Line 7 is `userData: |`, line 8 the shebang, line 9 the key.
    expect(formatDiagnostic(warning!)).toMatch(
      /^infra-specs\/box\.yaml:9:1: warning: spec\.userData line 2 looks like it holds an AWS access key id/,
    );
    expect(warning!.message).toMatch(/SSM Parameter Store/);
    expect(warning!.message).toMatch(/Secrets Manager/);
    expect(JSON.stringify(result.diagnostics)).not.toContain(ACCESS_KEY);
  });

  it('says that showUserDataInPlans would show it in plan comments', () => {
    const result = validate(box('PASSWORD=correcthorse', '  showUserDataInPlans: true'));
    const [warning] = result.diagnostics;
    expect(warning?.message).toMatch(/showUserDataInPlans is true/);
    expect(warning?.message).not.toContain('correcthorse');
  });

  it('gives no warning for an ordinary script', () => {
    const result = validate(
      box('#!/bin/bash\napt-get install -y nginx\nDB_PASSWORD=$(aws ssm get-parameter --name x)'),
    );
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects a showUserDataInPlans that is not a boolean', () => {
    const result = validate(box('echo hi', '  showUserDataInPlans: "yes"'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(
      /spec\.showUserDataInPlans must be true or false/,
    );
  });
});
