import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import type { Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const delivery = (id: string, receivedAt = T0) => ({
  id,
  event: 'pull_request',
  action: 'opened',
  repo: 'acme/infra',
  receivedAt,
});
const planJob = { kind: 'plan', payload: { pr: 3 }, retryPolicy: 'retry' as const };

describe.each(ENGINES)('store (%s) › deliveries', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open({ clock: createTestClock(T0) });
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('records a delivery once and reports the replay as a duplicate', async () => {
    expect(await store.recordDelivery(delivery('d-1'))).toBe(true);
    expect(await store.recordDelivery(delivery('d-1'))).toBe(false);
    expect(await store.recordDelivery({ id: 'd-2', event: 'push', receivedAt: T0 })).toBe(true);
  });

  it('records and enqueues together, and a replayed delivery enqueues nothing', async () => {
    const first = await store.recordDeliveryAndEnqueue(delivery('d-1'), planJob);
    expect(first.duplicate).toBe(false);
    expect((await store.getJob(first.jobId!))?.payload).toEqual({ pr: 3 });
    expect(await store.recordDeliveryAndEnqueue(delivery('d-1'), planJob)).toEqual({ duplicate: true });
    expect(await store.listJobs()).toHaveLength(1);
  });

  it('records nothing when the job cannot be enqueued (one transaction)', async () => {
    await expect(
      store.recordDeliveryAndEnqueue(delivery('d-1'), { ...planJob, payload: { bad: BigInt(1) } }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      store.recordDeliveryAndEnqueue(delivery('d-2'), { ...planJob, supersede: true }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await store.recordDelivery(delivery('d-1'))).toBe(true);
    expect(await store.recordDelivery(delivery('d-2'))).toBe(true);
    expect(await store.listJobs()).toEqual([]);
  });

  it('dedupes a burst of the same delivery to exactly one job', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.recordDeliveryAndEnqueue(delivery('d-burst'), planJob)),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await store.listJobs()).toHaveLength(1);
  });

  it('prunes deliveries received before a time', async () => {
    await store.recordDelivery(delivery('old', new Date(T0.getTime() - 1)));
    await store.recordDelivery(delivery('new', T0));
    expect(await store.pruneDeliveries(T0)).toBe(1);
    expect(await store.recordDelivery(delivery('old'))).toBe(true);
    expect(await store.recordDelivery(delivery('new'))).toBe(false);
  });
});
