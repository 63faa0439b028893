import { describe, expect, it } from '@jest/globals';
import { allowedRedirect, findCsvSources, webOriginOf } from '../../../src/workflow/self-service/issue-csv.js';

describe('self-service › CSV in an issue', () => {
  it('the web origin of the API the app talks to', () => {
    expect(webOriginOf('https://api.github.com')).toBe('https://github.com');
    expect(webOriginOf('http://127.0.0.1:3000/api/v3')).toBe('http://127.0.0.1:3000');
    expect(webOriginOf('https://ghe.acme.test/api/v3')).toBe('https://ghe.acme.test');
  });

  it('takes attachments on the GitHub host and ```csv blocks; refuses CSV links anywhere else', () => {
    const body = [
      'Please onboard these: [users.csv](https://github.com/user-attachments/files/123/users.csv).',
      'Old style: https://github.com/acme/infra/files/9/more.csv',
      'Not this: https://evil.test/user-attachments/files/1/users.csv and http://github.com/acme/infra/files/2/x.csv',
      'Nor a file in a repo: https://github.com/acme/infra/blob/main/users.csv',
      '```csv',
      'email,firstName,lastName',
      'a@b.co,A,B',
      '```',
    ].join('\n');
    const found = findCsvSources(body, 'https://github.com');
    expect(found.sources).toEqual([
      { kind: 'inline', name: 'issue.csv', text: 'email,firstName,lastName\na@b.co,A,B' },
      { kind: 'attachment', name: 'users.csv', url: 'https://github.com/user-attachments/files/123/users.csv' },
      { kind: 'attachment', name: 'more.csv', url: 'https://github.com/acme/infra/files/9/more.csv' },
    ]);
    expect(found.refused).toEqual([
      'https://evil.test/user-attachments/files/1/users.csv',
      'http://github.com/acme/infra/files/2/x.csv',
      'https://github.com/acme/infra/blob/main/users.csv',
    ]);
  });

  it('redirects: the same origin, or GitHub storage for github.com only', () => {
    expect(allowedRedirect(new URL('https://objects.githubusercontent.com/x'), 'https://github.com')).toBe(true);
    expect(allowedRedirect(new URL('http://objects.githubusercontent.com/x'), 'https://github.com')).toBe(false);
    expect(allowedRedirect(new URL('https://objects.githubusercontent.com/x'), 'https://ghe.acme.test')).toBe(false);
    expect(allowedRedirect(new URL('https://ghe.acme.test/storage/x'), 'https://ghe.acme.test')).toBe(true);
    expect(allowedRedirect(new URL('https://githubusercontent.com.evil.test/x'), 'https://github.com')).toBe(false);
  });
});
