import { describe, expect, it } from '@jest/globals';
import { extendExpiry, type ExtendInput } from '../../../src/workflow/self-service/extend-expiry.js';

const DAY = 86_400_000;
const now = new Date('2030-01-10T12:00:00Z');
const base: ExtendInput = { now, durationMs: 2 * DAY, maxTtlMs: 30 * DAY, maxTtl: '30d' };

describe('self-service › extend expiry', () => {
  it('a scheduled deadline is the base (once applied, the ttl counted from the first apply)', () => {
    const result = extendExpiry({
      ...base,
      ttl: '3d',
      ttlMs: 3 * DAY,
      scheduledDueAt: new Date('2030-01-11T00:00:00Z'),
    });
    expect(result).toMatchObject({ ok: true, expiresAt: '2030-01-13T00:00:00Z', basis: 'the scheduled deadline' });
  });

  it('a ttl not applied yet counts from now', () => {
    const result = extendExpiry({ ...base, ttl: '3d', ttlMs: 3 * DAY });
    expect(result).toMatchObject({ ok: true, expiresAt: '2030-01-15T12:00:00Z' });
    expect(result.ok && result.basis).toContain('not applied yet');
  });

  it('an expiresAt is the base; a deadline already past extends from now; seconds are rounded up', () => {
    expect(extendExpiry({ ...base, expiresAt: '2030-01-20T00:00:00Z' })).toMatchObject({
      expiresAt: '2030-01-22T00:00:00Z',
    });
    const past = extendExpiry({
      ...base,
      expiresAt: '2030-01-01T00:00:00Z',
      now: new Date('2030-01-10T12:00:00.250Z'),
    });
    expect(past).toMatchObject({ ok: true, expiresAt: '2030-01-12T12:00:01Z' });
  });

  it('beyond policy.maxTtl from now › refused, saying how far and the limit', () => {
    const result = extendExpiry({ ...base, expiresAt: '2030-02-05T00:00:00Z', durationMs: 7 * DAY });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toBe(
      'the new expiry 2030-02-12T00:00:00Z would be 4w4d12h from now, beyond policy.maxTtl 30d',
    );
  });

  it('a spec that does not expire › nothing to extend', () => {
    expect(extendExpiry(base)).toMatchObject({ ok: false, problem: expect.stringContaining('does not expire') });
  });
});
