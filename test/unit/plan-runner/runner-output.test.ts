import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BoundedOutput, WholeOutput } from '../../../src/plan/runner-output.js';
import { createRedactor } from '../../../src/plan/runner-redact.js';

const none = createRedactor([]);

describe('BoundedOutput', () => {
  it('under the limit › keeps everything, no marker', () => {
    const out = new BoundedOutput(100);
    out.write('hello ');
    out.write(Buffer.from('world'));

    expect(out.text(none)).toBe('hello world');
    expect(out.totalBytes).toBe(11);
  });

  it('over the limit › keeps the first and last halves with the omitted byte count', () => {
    const out = new BoundedOutput(20);
    out.write('0123456789');
    out.write('abcdefghij');
    out.write('KLMNOPQRST');

    expect(out.text(none)).toBe('0123456789\n… 10 bytes omitted …\nKLMNOPQRST');
  });

  it('one huge chunk › memory stays bounded by the limit', () => {
    const out = new BoundedOutput(1000);
    for (let i = 0; i < 20; i++) out.write(Buffer.alloc(1024 * 1024, 'x'));

    const text = out.text(none);
    expect(text).toMatch(/^x{500}\n… 20970520 bytes omitted …\nx{500}$/);
  });

  it('any chunking › the text is the same as writing it whole', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 10 }), (s, cuts) => {
        const whole = new BoundedOutput(64);
        whole.write(s);
        const chunked = new BoundedOutput(64);
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          chunked.write(s.slice(at, Math.max(at, cut)));
          at = Math.max(at, cut);
        }
        chunked.write(s.slice(at));
        expect(chunked.text(none)).toBe(whole.text(none));
      }),
    );
  });

  describe('redaction', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const redactor = createRedactor([secret]);

    it('secret split across chunks › redacted in the assembled text', () => {
      const out = new BoundedOutput(1000);
      out.write(`key=${secret.slice(0, 7)}`);
      out.write(secret.slice(7, 20));
      out.write(`${secret.slice(20)}\n`);

      expect(out.text(redactor)).toBe('key=(redacted)\n');
    });

    it('secret cut by the omission › neither part survives', () => {
      const out = new BoundedOutput(40);
      out.write(`${'a'.repeat(10)}${secret}${'b'.repeat(50)}${secret}${'c'.repeat(5)}`);

      const text = out.text(redactor);
      for (let i = 0; i + 4 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 4));
      expect(text).toContain('(redacted)');
    });
  });
});

describe('WholeOutput', () => {
  it('within the cap › keeps everything', () => {
    const out = new WholeOutput(10);
    expect(out.write(Buffer.from('{"a":'))).toBe(true);
    expect(out.write(Buffer.from('1}'))).toBe(true);
    expect(out.text()).toBe('{"a":1}');
  });

  it('past the cap › refuses further writes and drops what it held', () => {
    const out = new WholeOutput(10);
    out.write(Buffer.from('12345678'));
    expect(out.write(Buffer.from('90ab'))).toBe(false);
    expect(out.overflowed).toBe(true);
    expect(out.write(Buffer.from('c'))).toBe(false);
    expect(out.text()).toBe('');
  });
});
