import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../../../src/commands/tokenize.js';

const texts = (line: string) => {
  const result = tokenize(line);
  if (!result.ok) throw new Error(result.problem);
  return result.tokens.map((t) => (t.key === undefined ? t.text : [t.key, t.value]));
};

describe('tokenize', () => {
  it.each<[string, unknown[]]>([
    ['', []],
    ['  plan   ec2-a\tidentity ', ['plan', 'ec2-a', 'identity']],
    [
      'title="Staff Engineer" x=1',
      [
        ['title', 'Staff Engineer'],
        ['x', '1'],
      ],
    ],
    ['"a b" c', ['a b', 'c']],
    ['"key=value"', ['key=value']],
    ['a=b=c', [['a', 'b=c']]],
    ['=x', ['=x']],
    ['k="say \\"hi\\""', [['k', 'say "hi"']]],
    ['k="back\\\\slash"', [['k', 'back\\slash']]],
    ['k="keep \\n as is"', [['k', 'keep \\n as is']]],
    ['k=""', [['k', '']]],
    ['pre"quoted"post', ['prequotedpost']],
  ])('%j', (line, expected) => {
    expect(texts(line)).toEqual(expected);
  });

  it('keeps what was typed, for quoting back', () => {
    const result = tokenize('title="Staff Engineer"');
    expect(result.ok && result.tokens[0]).toMatchObject({ raw: 'title="Staff Engineer"', quoted: true });
  });

  it.each(['"open', 'k="open', 'a "b" "c', 'k="ends with escaped quote\\"'])('unbalanced %j › problem', (line) => {
    expect(tokenize(line)).toEqual({ ok: false, problem: 'unbalanced double quote' });
  });
});
