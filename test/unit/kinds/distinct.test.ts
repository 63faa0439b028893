// Each kind's `distinct` value is compared among specs of that kind only: two buckets cannot share a bucket name,
// two users a login (in any letter case), two groups a display name; a spec whose name already clashes is reported
// once, for its name.
import { describe, expect, it } from '@jest/globals';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';
import { validateSpecs } from '../../../src/specs/validate-specs.js';

const NOW = new Date('2026-11-21T12:00:00Z');

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: infra-bot/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const lines = (files: Record<string, string>) =>
  validateSpecs({ files: Object.entries(files).map(([path, content]) => ({ path, content })), now: NOW })
    .diagnostics.map(formatDiagnostic)
    .filter((line) => line.includes('already used'));

describe('distinct values per kind', () => {
  it('two buckets with one bucket name › both are told, at their names', () => {
    expect(
      lines({
        'a.yaml': doc('S3Bucket', 'logs', '  bucketName: acme-logs\n'),
        'b.yaml': doc('S3Bucket', 'other', '  bucketName: acme-logs\n'),
      }),
    ).toEqual([
      'a.yaml:4:9: bucket name "acme-logs" is already used by b.yaml',
      'b.yaml:4:9: bucket name "acme-logs" is already used by a.yaml',
    ]);
  });

  it('two users whose logins differ only in case › clash at spec.email', () => {
    const user = (name: string, login: string) =>
      doc('OktaUser', name, `  email: ${login}\n  firstName: A\n  lastName: B\n  login: ${login}\n`);
    expect(lines({ 'a.yaml': user('ann', 'Ann@acme.com'), 'b.yaml': user('ann2', 'ann@acme.com') })).toEqual([
      'a.yaml:6:10: Okta login "Ann@acme.com" is already used by b.yaml',
      'b.yaml:6:10: Okta login "ann@acme.com" is already used by a.yaml',
    ]);
  });

  it('a group display name equal to a bucket name › no clash: values are compared within a kind', () => {
    expect(
      lines({
        'a.yaml': doc('OktaGroup', 'logs', '  displayName: acme-logs\n'),
        'b.yaml': doc('S3Bucket', 'logs', '  bucketName: acme-logs\n'),
      }),
    ).toEqual([]);
  });

  it('two groups with one name › one problem each, for the name, not also for the display name', () => {
    expect(lines({ 'a.yaml': doc('OktaGroup', 'team', ''), 'b.yaml': doc('OktaGroup', 'team', '') })).toEqual([
      'a.yaml:4:9: OktaGroup name "team" is already used by b.yaml',
      'b.yaml:4:9: OktaGroup name "team" is already used by a.yaml',
    ]);
  });
});
