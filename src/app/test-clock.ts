import { readFileSync, statSync } from 'node:fs';
import type { Clock } from '../jobs/clock.js';

/**
 * End-to-end tests move time forward (a 3-minute ttl passes in a second) by writing an offset in milliseconds to
 * the file named by INFRA_BOT_TEST_CLOCK_FILE. Without that variable the system clock is used: production never
 * reads a file for the time.
 */
export function fileOffsetClock(path: string): Clock {
  let cachedMtime = -1;
  let offset = 0;
  return {
    now() {
      try {
        const mtime = statSync(path).mtimeMs;
        if (mtime !== cachedMtime) {
          offset = Number(readFileSync(path, 'utf8').trim()) || 0;
          cachedMtime = mtime;
        }
      } catch {
        offset = 0;
      }
      return new Date(Date.now() + offset);
    },
  };
}
