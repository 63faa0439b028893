import { afterEach, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { createTestClock } from '../../../src/jobs/clock.js';
import { createWorker } from '../../../src/jobs/worker.js';
import type { Worker } from '../../../src/jobs/worker.js';
import type { Job } from '../../../src/store/store.js';
import { spawnTs } from './support/spawn-ts.js';
import type { TsChild } from './support/spawn-ts.js';
import { captureLog, openTempStore, waitFor } from './support/helpers.js';

const CHILD = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));
const LEASE_MS = 2000;

describe('worker › process killed mid-job (SIGKILL)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('restart › reruns the retryable job and reports the never-retry one as interrupted', async () => {
    const clock = createTestClock(new Date(Date.now() - 1000));
    const { store, dataDir, cleanup } = await openTempStore(clock);
    cleanups.push(cleanup);
    const plan = await store.enqueue({ kind: 'plan', payload: { pr: 1 }, retryPolicy: 'retry' });
    const apply = await store.enqueue({ kind: 'apply', payload: { pr: 1 }, retryPolicy: 'never' });

    const child: TsChild = spawnTs(CHILD, [dataDir, String(LEASE_MS)]);
    cleanups.push(async () => {
      if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
      await child.exited;
    });
    await child.waitForLine(new RegExp(`^started plan ${plan.id}$`));
    await child.waitForLine(new RegExp(`^started apply ${apply.id}$`));
    child.child.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    expect((await store.getJob(plan.id))?.status).toBe('running');
    expect((await store.getJob(apply.id))?.status).toBe('running');

    // The restarted process: its clock is past the dead worker's leases.
    const interrupted: Job[] = [];
    const reran: Job[] = [];
    const restarted: Worker = createWorker({
      store,
      handlers: { plan: async (job) => void reran.push(job), apply: async (job) => void reran.push(job) },
      clock: createTestClock(new Date(Date.now() + LEASE_MS + 1000)),
      log: captureLog(),
      workerId: 'restarted',
      concurrency: 2,
      leaseMs: LEASE_MS,
      pollMs: 20,
      onJobInterrupted: (job) => void interrupted.push(job),
    });
    cleanups.push(() => restarted.stop({ graceMs: 100 }));
    restarted.start();

    await waitFor(async () => (await store.getJob(plan.id))?.status === 'done', 'the plan to be rerun');
    await waitFor(() => interrupted.length === 1, 'the interrupted apply to be reported');
    expect(reran.map((job) => job.id)).toEqual([plan.id]);
    expect(interrupted[0]).toMatchObject({ id: apply.id, status: 'interrupted' });
    expect(interrupted[0]?.workerId).toMatch(/^child-\d+$/);
    expect(interrupted[0]?.lastError).toMatch(/^interrupted: the worker stopped while it ran/);
  });
});
