/** Where the queue, the worker and the sweepers read the time; tests pass a clock they can move. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface TestClock extends Clock {
  set(to: Date | string): void;
  advance(ms: number): Date;
}

/** A clock that only moves when told to. */
export function createTestClock(start: Date | string = '2030-01-01T00:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError(`not a date: ${String(start)}`);
  return {
    now: () => new Date(current),
    set(to) {
      const next = new Date(to).getTime();
      if (Number.isNaN(next)) throw new RangeError(`not a date: ${String(to)}`);
      current = next;
    },
    advance(ms) {
      current += ms;
      return new Date(current);
    },
  };
}
