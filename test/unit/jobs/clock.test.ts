import { describe, expect, it } from '@jest/globals';
import { createTestClock, systemClock } from '../../../src/jobs/clock.js';

describe('clocks', () => {
  it('the system clock tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('the test clock only moves when told to, and hands out copies', () => {
    const clock = createTestClock('2030-01-01T00:00:00Z');
    const first = clock.now();
    first.setTime(0);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(clock.advance(1500).toISOString()).toBe('2030-01-01T00:00:01.500Z');
    clock.set(new Date('2031-06-01T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2031-06-01T12:00:00.000Z');
  });

  it('the test clock refuses what is not a date', () => {
    expect(() => createTestClock('soon')).toThrow(RangeError);
    expect(() => createTestClock().set('later')).toThrow(RangeError);
  });
});
