import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { bulkOnboard, type BulkOnboardInput } from '../../../src/workflow/self-service/bulk-onboard.js';

const GROUP = `apiVersion: infra-bot/v1
kind: OktaGroup
metadata: { name: security-engineering }
spec: {}
`;
const BRUCE = `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: bruce-lee }
spec: { email: bruce.lee@demoac.com, firstName: Bruce, lastName: Lee }
`;

const input = (csvText: string, extra: Partial<BulkOnboardInput> = {}): BulkOnboardInput => ({
  csvName: 'users.csv',
  csvText,
  files: [
    { path: 'infra-specs/identity/groups/security-engineering.yaml', content: GROUP },
    { path: 'infra-specs/identity/bruce-lee.yaml', content: BRUCE },
  ],
  configText: undefined,
  specsDir: 'infra-specs',
  owner: '@maria',
  now: new Date('2030-01-01T00:00:00Z'),
  ...extra,
});

describe('self-service › bulk onboarding preflight', () => {
  it('good rows › one OktaUser spec each, groups split on ; or quoted commas, extra columns become fields', () => {
    const result = bulkOnboard(
      input(
        'Email,firstName,lastName,groups,title\n' +
          'ada.lovelace@demoac.com,Ada,Lovelace,security-engineering,Analyst\n' +
          'alan@demoac.com,Alan,Turing,"security-engineering, security-engineering",\n',
      ),
    );
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.files.map((f) => [f.line, f.name, f.path])).toEqual([
      [2, 'ada-lovelace', 'infra-specs/identity/users/ada-lovelace.yaml'],
      [3, 'alan', 'infra-specs/identity/users/alan.yaml'],
    ]);
    expect(parse(result.files[0]!.content)).toEqual({
      apiVersion: 'infra-bot/v1',
      kind: 'OktaUser',
      metadata: { name: 'ada-lovelace', owner: '@maria' },
      spec: {
        email: 'ada.lovelace@demoac.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        groups: ['security-engineering'],
        title: 'Analyst',
      },
    });
  });

  it('every bad row is reported with its line, and nothing is produced', () => {
    const csv = [
      'email,firstName,lastName,groups,name',
      'ok@demoac.com,Ok,Person,,', // 2: fine
      'not-an-email,A,B,,', // 3
      'c@demoac.com,,C,,', // 4
      'd@demoac.com,D,D,nope,', // 5: unknown group (the validator's cross-spec check)
      'bruce.lee@demoac.com,Bruce,Again,,bruce-two', // 6: email already managed
      'e@demoac.com,E,E,,bruce-lee', // 7: name taken
      'ok@demoac.com,Ok,Twice,,ok-two', // 8: email twice in the file
      'f@demoac.com,F,F', // 9: missing fields
      'g@demoac.com,G,G,Bad_Group,', // 10
    ].join('\n');
    const result = bulkOnboard(input(csv));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.split(':').slice(0, 2).join(':'))).toEqual([
      'users.csv:3',
      'users.csv:4',
      'users.csv:5',
      'users.csv:6',
      'users.csv:7',
      'users.csv:8',
      'users.csv:9',
      'users.csv:10',
    ]);
    expect(problems.join('\n')).toMatch(/users\.csv:5: .*nope/);
    expect(problems.join('\n')).toContain(
      'users.csv:6: bruce.lee@demoac.com is already managed by infra-specs/identity/bruce-lee.yaml',
    );
    expect(problems.join('\n')).toContain(
      'users.csv:7: OktaUser/bruce-lee already exists in infra-specs/identity/bruce-lee.yaml',
    );
    expect(problems.join('\n')).toContain('users.csv:8: ok@demoac.com is also on line 2');
    expect(problems.join('\n')).toContain('users.csv:9: 3 fields, but the header has 5 columns');
  });

  it.each([
    ['', 'users.csv:1: the file is empty'],
    ['email,firstName\n', 'users.csv:1: the header lacks the column lastName'],
    ['email,firstName,lastName\n', 'users.csv:1: no rows after the header'],
    ['email,firstName,lastName,$(id)\na@b.co,A,B,x\n', 'users.csv:1: `$(id)` is not a column name'],
    [
      'email,firstName,lastName,title\na@b.co,A,B,${file(/etc/passwd)}\n',
      'users.csv:2: The value of `title` contains `${`',
    ],
  ])('bad file %j › %s', (csv, problem) => {
    const result = bulkOnboard(input(csv));
    expect(result.ok ? [] : result.problems.join('\n')).toContain(problem);
  });

  it('more rows than allowed › refused at the first row past the limit', () => {
    const rows = Array.from({ length: 4 }, (_, i) => `u${i}@demoac.com,U,${i}`);
    const result = bulkOnboard(input(['email,firstName,lastName', ...rows].join('\n'), { maxRows: 3 }));
    expect(result.ok ? [] : result.problems).toEqual(['users.csv:5: more than 3 rows: split the file']);
  });
});
