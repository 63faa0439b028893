import { describe, expect, it } from '@jest/globals';
import { parseCsv } from '../../../src/workflow/self-service/parse-csv.js';

describe('self-service › CSV (RFC 4180)', () => {
  it('quoted fields with commas, doubled quotes and line breaks; records keep their first line', () => {
    const text = '\uFEFFemail,title\r\na@b.co,"Staff, ""Platform"""\r\n\r\nc@d.co,"two\nlines"\ne@f.co,plain\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['email', 'title'] },
        { line: 2, fields: ['a@b.co', 'Staff, "Platform"'] },
        { line: 4, fields: ['c@d.co', 'two\nlines'] },
        { line: 6, fields: ['e@f.co', 'plain'] },
      ],
    });
  });

  it('a last line without newline and empty fields', () => {
    expect(parseCsv('a,,c')).toEqual({ ok: true, records: [{ line: 1, fields: ['a', '', 'c'] }] });
  });

  it.each([
    ['a,"open\nnever closed', 1, 'never closed'],
    ['a\nb"c,d', 2, 'a quote inside an unquoted field'],
    ['"a"b,c', 1, 'text after a closing quote'],
  ])('bad CSV %j › line %i', (text, line, message) => {
    const result = parseCsv(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.line).toBe(line);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});
