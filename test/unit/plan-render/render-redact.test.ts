import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { secretScrubber } from '../../../src/plan/render-redact.js';

describe('secretScrubber.containsInJson', () => {
  it('finds a secret that only the JSON escaping of a value completes', () => {
    // "\nabc" is written `\nabc` in JSON: a secret `nabc` is in the JSON text, not in the value.
    expect(secretScrubber(['nabc']).containsInJson('x\nabc')).toBe(true);
    expect(secretScrubber(['"tok_']).containsInJson('tok_rest')).toBe(true);
    expect(secretScrubber(['ab\\"c']).containsInJson('ab"c')).toBe(true);
    expect(secretScrubber(['u0001z']).containsInJson('\u0001z')).toBe(true);
    // One backslash in the value is two in JSON.
    expect(secretScrubber(['\\\\aa']).containsInJson('x\\aa')).toBe(true);
  });

  it('says no when neither the value nor its JSON holds a secret', () => {
    expect(secretScrubber(['tok_abcdef']).containsInJson('{"k":"tok_abcde"}')).toBe(false);
    expect(secretScrubber([]).containsInJson('anything')).toBe(false);
  });

  it('agrees with searching JSON.stringify(text) for every secret', () => {
    const alphabet = fc.constantFrom('a', 'n', 'u', '0', '1', '"', '\\', '\n', '\u0001', '\ud800', 'é');
    const text = fc.string({ unit: alphabet, maxLength: 12 });
    const secret = fc.string({ unit: alphabet, minLength: 4, maxLength: 6 });
    fc.assert(
      fc.property(text, fc.array(secret, { maxLength: 3 }), (value, secrets) => {
        const scrubber = secretScrubber(secrets);
        expect(scrubber.containsInJson(value)).toBe(scrubber.contains(JSON.stringify(value)));
      }),
      { numRuns: 6000 },
    );
  });
});

describe('secretScrubber.containsAsTextOrJson', () => {
  it('finds a secret in the text itself or only in its JSON escaping', () => {
    expect(secretScrubber(['tok_abcdef']).containsAsTextOrJson('{"k":"tok_abcdef"}')).toBe(true);
    expect(secretScrubber(['nabc']).containsAsTextOrJson('x\nabc')).toBe(true);
    expect(secretScrubber(['tok_abcdef']).containsAsTextOrJson('tok_abcde\n')).toBe(false);
    expect(secretScrubber([]).containsAsTextOrJson('anything')).toBe(false);
  });

  it('agrees with contains(text) || containsInJson(text)', () => {
    const alphabet = fc.constantFrom('a', 'n', 'u', '0', '1', '"', '\\', '\n', '\u0001', '\ud800', 'é');
    const text = fc.string({ unit: alphabet, maxLength: 12 });
    const secret = fc.string({ unit: alphabet, minLength: 4, maxLength: 6 });
    fc.assert(
      fc.property(text, fc.array(secret, { maxLength: 3 }), (value, secrets) => {
        const scrubber = secretScrubber(secrets);
        expect(scrubber.containsAsTextOrJson(value)).toBe(scrubber.contains(value) || scrubber.containsInJson(value));
      }),
      { numRuns: 6000 },
    );
  });
});

describe('secretScrubber.scrub', () => {
  it('returns text holding no secret as it is, and text holding one without it', () => {
    const alphabet = fc.constantFrom('a', 'b', 's', 'e', '(', ')', 'n', 'i', 't', 'v');
    const text = fc.string({ unit: alphabet, maxLength: 16 });
    const secret = fc.string({ unit: alphabet, minLength: 4, maxLength: 6 });
    fc.assert(
      fc.property(text, fc.array(secret, { maxLength: 3 }), (value, secrets) => {
        const scrubber = secretScrubber(secrets);
        const scrubbed = scrubber.scrub(value);
        if (!scrubber.contains(value)) expect(scrubbed).toBe(value);
        expect(scrubber.contains(scrubbed)).toBe(false);
      }),
      { numRuns: 6000 },
    );
  });
});
