import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffMs } from '../../../src/jobs/backoff.js';

describe('backoffMs', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [20, 0, 150_000],
    [20, 1, 300_000],
  ])('attempt %i with random %f › waits %i ms', (attempt, random, expected) => {
    expect(backoffMs(attempt, { baseMs: 1000, maxMs: 300_000, random: () => random })).toBe(expected);
  });

  it('stays between half the nominal delay and the nominal delay, capped, whatever the random source says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.oneof(fc.double(), fc.constant(Number.NaN)), (attempt, r) => {
        const nominal = Math.min(60_000, 200 * 2 ** (attempt - 1));
        const delay = backoffMs(attempt, { baseMs: 200, maxMs: 60_000, random: () => r });
        return delay >= Math.floor(nominal / 2) && delay <= nominal;
      }),
    );
  });

  it('grows with the attempt', () => {
    const fixed = { random: () => 0.5 };
    expect(backoffMs(2, fixed)).toBeGreaterThan(backoffMs(1, fixed));
    expect(backoffMs(3, fixed)).toBeGreaterThan(backoffMs(2, fixed));
  });
});
