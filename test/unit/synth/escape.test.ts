import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escapeTf, escapeTfRecord } from '../../../src/synth/escape.js';
import { terraformLiteral } from './fixtures.js';

/** A number CDKTF decodes as its token #index (cdktf/lib/tokens/private/encoding.js createTokenDouble). */
const tokenDouble = (index: number): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, 0xfdff0000 + Math.floor(index / 2 ** 32));
  view.setUint32(4, index % 2 ** 32);
  return view.getFloat64(0);
};

describe('escapeTf', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${file("/etc/passwd")}', '$${file("/etc/passwd")}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['already $${escaped}', 'already $$${escaped}'],
    ['already %%{escaped}', 'already %%%{escaped}'],
    ['${aws:username}', '$${aws:username}'],
    ['$ { and % { are fine', '$ { and % { are fine'],
    ['trailing $ and %', 'trailing $ and %'],
    ['{}${}%{}', '{}$${}%%{}'],
  ])('escape › %j › becomes %j', (raw, escaped) => {
    expect(escapeTf(raw)).toBe(escaped);
  });

  it('escape › is applied once: escaping twice changes the text again (callers escape raw values only)', () => {
    expect(escapeTf(escapeTf('${x}'))).toBe('$$${x}');
  });

  it('escape › CDKTF token markers in user text › are split so CDKTF cannot resolve them', () => {
    const escaped = escapeTf('${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]} &{TfToken[TOKEN.3]}');
    expect(escaped).not.toContain('TfToken[');
    expect(terraformLiteral(escaped)).toBe('${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]} &{TfToken[TOKEN.3]}');
  });

  it('escape › a number CDKTF would decode as a token › is split before its exponent', () => {
    const raw = `cost ${String(tokenDouble(7))} usd`;
    const escaped = escapeTf(raw);
    expect(escaped).not.toBe(raw);
    expect(escaped).toContain('${""}e');
    expect(terraformLiteral(escaped)).toBe(raw);
  });

  it('escape › ordinary numbers with exponents › are left alone', () => {
    expect(escapeTf('1e5 and -2.5e+10')).toBe('1e5 and -2.5e+10');
  });

  it('escape › CDKTF sentinel strings › are split', () => {
    expect(escapeTf('String Map Token Value')).not.toBe('String Map Token Value');
    expect(terraformLiteral(escapeTf('Any Map Token Value'))).toBe('Any Map Token Value');
  });

  it('escape › any string › Terraform reads back exactly the raw text', () => {
    const pieces = [
      '$',
      '%',
      '{',
      '}',
      '$$',
      '${',
      '%{',
      'TfToken[',
      '"',
      '\\',
      'e',
      '-',
      '1',
      '.',
      '+',
      'a',
      ' ',
      'é',
    ];
    const raw = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')),
      fc.nat({ max: 10_000 }).map((index) => `x${String(tokenDouble(index))}`),
    );
    fc.assert(
      fc.property(raw, (text) => {
        const escaped = escapeTf(text);
        expect(terraformLiteral(escaped)).toBe(text);
        expect(escaped).not.toContain('TfToken[');
      }),
      { numRuns: 2000 },
    );
  });

  it('escapeTfRecord › escapes keys and values', () => {
    expect(escapeTfRecord({ '${k}': '%{v}', plain: 'x' })).toEqual({ '$${k}': '%%{v}', plain: 'x' });
  });

  it('escapeTfRecord › a `__proto__` key stays an own key', () => {
    const out = escapeTfRecord(JSON.parse('{"__proto__": "x"}') as Record<string, string>);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
