import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkerPool } from '../../src/jobs/worker-pool.js';
import type { WorkerPool } from '../../src/jobs/worker-pool.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { waitFor } from './support/app-process.js';

// The pool runs the built worker (lib/: `npm run build` first) in a thread whose jobs end the thread midway.
describe('e2e › a worker thread dies mid-job › nothing is lost', () => {
  let dataDir: string;
  let store: Store;
  let pool: WorkerPool;
  const lines: string[] = [];
  const log = {
    debug: () => undefined,
    info: () => undefined,
    warn: (_: object, msg?: string) => void lines.push(msg ?? ''),
    error: (_: object, msg?: string) => void lines.push(msg ?? ''),
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'infra-bot-pool-'));
    store = await openStore({ dataDir });
  });
  afterAll(async () => {
    await pool?.stop({ graceMs: 1000 });
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('a retryable job is resumed by the replacement thread; one that must not rerun is reported', async () => {
    const retried = await store.enqueue({ kind: 'test.crash', payload: {}, retryPolicy: 'retry', maxAttempts: 3 });
    const once = await store.enqueue({ kind: 'test.crash', payload: {}, retryPolicy: 'never' });
    pool = createWorkerPool({
      script: new URL('./support/crashing-worker-thread.mjs', import.meta.url),
      threads: 1,
      workerIdPrefix: 'crash-test',
      log,
      extra: { dataDir, leaseMs: 1000 },
    });
    pool.start();

    const done = await waitFor(
      'the retried job done',
      async () => {
        const job = await store.getJob(retried.id);
        return job?.status === 'done' ? job : undefined;
      },
      60_000,
    );
    // Finished by a later thread than the one that died in it.
    const diedIn = readFileSync(join(dataDir, `started-${retried.id}`), 'utf8');
    expect((done.result as { ranBy: string }).ranBy).not.toBe(diedIn);
    expect(done.attempts).toBe(2);

    const interrupted = await waitFor(
      'the non-retryable job interrupted',
      async () => {
        const job = await store.getJob(once.id);
        return job?.status === 'interrupted' ? job : undefined;
      },
      60_000,
    );
    expect(interrupted.lastError).toMatch(/interrupted/);
    await waitFor('the interruption reported', () => existsSync(join(dataDir, `reported-${once.id}`)), 10_000);
    expect(lines.filter((line) => line.includes('a worker thread stopped'))).toHaveLength(2);
    await waitFor('a thread running again', () => pool.running() === 1, 20_000);
  }, 120_000);
});
