import type { Clock } from '../../../src/jobs/clock.js';

export interface OffsetClock extends Clock {
  /** Moves the app's time forward; real time keeps flowing on top of it. */
  advance(ms: number): void;
}

/**
 * The in-process twin of the e2e tests' offset file (src/app/test-clock.ts): the system time plus an offset the test
 * moves. Time flows as it does for the doubles, the Slack signatures and the GitHub tokens, and a ttl passes at once.
 */
export function createOffsetClock(): OffsetClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
