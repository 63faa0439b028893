import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/store.js';
import { spawnTs } from '../jobs/support/spawn-ts.js';
import { createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const CHILD = fileURLToPath(new URL('./support/claim-child.ts', import.meta.url));

describe('store (sqlite) › separate processes on one file', () => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness('sqlite');
    store = await harness.open();
  });
  afterAll(() => harness.dispose());

  it('4 processes claiming 200 jobs at once › each job is claimed exactly once', async () => {
    for (let i = 0; i < 200; i += 1) await store.enqueue({ kind: 'plan', payload: { i }, retryPolicy: 'retry' });
    const startAt = String(Date.now() + 1500);
    const children = [1, 2, 3, 4].map((n) => spawnTs(CHILD, [harness.dataDir, `process-${n}`, startAt]));
    expect(await Promise.all(children.map((child) => child.exited))).toEqual([0, 0, 0, 0]);
    const claimed = children.flatMap((child) => child.lines.filter((line) => line.startsWith('claimed ')));
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed).size).toBe(200);
    expect(children.filter((child) => child.lines.length > 0).length).toBeGreaterThan(1);
    expect(await store.countJobsByState()).toMatchObject({ done: 200, queued: 0, running: 0 });
  });
});
