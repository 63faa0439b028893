import { createTestClock, type TestClock } from '../../../src/jobs/clock.js';
import { createOktaDirectory, type OktaDirectory, type OktaDirectoryOptions } from '../../../src/okta/okta-client.js';
import type { OktaDouble } from '../../doubles/okta/server.js';

export const TOKEN = 'ssws-secret-token-0123456789';

export interface DirectoryUnderTest {
  directory: OktaDirectory;
  clock: TestClock;
  /** Every wait the client asked for, in ms; the test clock moves by it instead of real time passing. */
  waits: number[];
}

/** A directory against the double whose waits are recorded and skipped (the test clock advances instead). */
export function directoryFor(
  double: OktaDouble,
  options: Partial<OktaDirectoryOptions> = {},
  opened: OktaDirectory[] = [],
): DirectoryUnderTest {
  const clock = createTestClock(new Date());
  const waits: number[] = [];
  const directory = createOktaDirectory({
    orgUrl: double.url,
    token: TOKEN,
    clock,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    ...options,
  });
  opened.push(directory);
  return { directory, clock, waits };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
}
