import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');

describe.each(ENGINES)('store (%s) › run locks', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('one holder at a time › a second holder learns who holds it and since when', async () => {
    expect(await store.tryRunLock({ key: 'acme/infra:ec2-a', holder: 'job-1', now: T0 })).toEqual({ acquired: true });
    expect(await store.tryRunLock({ key: 'acme/infra:ec2-a', holder: 'job-2', now: T0 })).toEqual({
      acquired: false,
      holder: 'job-1',
      since: T0,
    });
    expect(await store.tryRunLock({ key: 'acme/infra:ec2-a', holder: 'job-1', now: T0 })).toEqual({ acquired: true });
  });

  it('release › only by its holder, then the next holder gets it', async () => {
    await store.tryRunLock({ key: 'k', holder: 'job-1', now: T0 });
    expect(await store.releaseRunLock({ key: 'k', holder: 'job-2' })).toBe(false);
    expect(await store.releaseRunLock({ key: 'k', holder: 'job-1' })).toBe(true);
    expect(await store.tryRunLock({ key: 'k', holder: 'job-2', now: T0 })).toEqual({ acquired: true });
  });

  it('racing holders › exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.tryRunLock({ key: 'race', holder: `job-${i}`, now: T0 })),
    );
    expect(results.filter((result) => result.acquired)).toHaveLength(1);
  });
});
