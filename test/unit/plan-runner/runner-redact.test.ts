import { describe, expect, it } from '@jest/globals';
import { createRedactor } from '../../../src/plan/runner-redact.js';

describe('createRedactor', () => {
  it('every occurrence › replaced', () => {
    const r = createRedactor(['s3cr3t-value']);
    expect(r.redact('a s3cr3t-value b s3cr3t-value')).toBe('a (redacted) b (redacted)');
  });

  it('escaped forms › JSON and URL encodings are redacted too', () => {
    const secret = 'ab/cd+ef="gh"';
    const r = createRedactor([secret]);
    expect(r.redact(`json:${JSON.stringify(secret)} url:${encodeURIComponent(secret)}`)).toBe(
      'json:"(redacted)" url:(redacted)',
    );
  });

  it('a secret containing another › the longer one wins', () => {
    const r = createRedactor(['token', 'token-and-more']);
    expect(r.redact('x token-and-more y token')).toBe('x (redacted) y (redacted)');
  });

  it('regex characters and empty values › treated literally, empty ignored', () => {
    const r = createRedactor(['a.b*c', '', undefined]);
    expect(r.redact('a.b*c axbbc')).toBe('(redacted) axbbc');
  });

  it('no secrets › text unchanged', () => {
    expect(createRedactor([]).redact('plain')).toBe('plain');
  });

  it("edges › masks a secret's start at the head's end and its rest at the tail's start", () => {
    const r = createRedactor(['ABCDEFGH']);
    expect(r.redactEdges('log ABC', 'FGH more')).toEqual({ head: 'log (redacted)', tail: '(redacted) more' });
  });
});
