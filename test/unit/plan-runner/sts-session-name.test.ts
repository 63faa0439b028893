import { describe, expect, it } from '@jest/globals';
import { sanitizeSessionName } from '../../../src/aws/sts-credentials.js';

describe('sanitizeSessionName', () => {
  it.each([
    ['infra-bot/acme/infra#42 s3-logs', 'infra-bot-acme-infra-42-s3-logs'],
    ['ok_chars+=,.@-', 'ok_chars+=,.@-'],
    ['x', 'infra-bot-x'],
    ['', 'infra-bot'],
    ['é', 'infra-bot--'],
  ])('%j › %j', (input, expected) => {
    expect(sanitizeSessionName(input)).toBe(expected);
  });

  it('long names › cut to 64 characters of the allowed set', () => {
    const name = sanitizeSessionName(`${'a'.repeat(60)}/bcdefgh`);
    expect(name).toBe(`${'a'.repeat(60)}-bcd`);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
