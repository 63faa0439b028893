// A worker thread for the pool's crash test: the real worker and store (built lib/), and a job handler that ends
// its thread midway through the first run of every job (process.exit in a worker thread ends only the thread).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../../../lib/jobs/clock.js';
import { createWorker } from '../../../lib/jobs/worker.js';
import { openStore } from '../../../lib/store/open-store.js';

const { workerId, extra } = workerData;
const quiet = () => undefined;
const log = { debug: quiet, info: quiet, warn: quiet, error: quiet };
const store = await openStore({ dataDir: extra.dataDir, clock: systemClock });
const worker = createWorker({
  store,
  handlers: {
    'test.crash': async (job) => {
      const seen = join(extra.dataDir, `started-${job.id}`);
      if (!existsSync(seen)) {
        writeFileSync(seen, workerId);
        await new Promise((resolve) => setTimeout(resolve, 50));
        process.exit(7);
      }
      return { ranBy: workerId };
    },
  },
  clock: systemClock,
  log,
  workerId,
  concurrency: 1,
  leaseMs: extra.leaseMs,
  pollMs: 100,
  onJobInterrupted: (job) => writeFileSync(join(extra.dataDir, `reported-${job.id}`), workerId),
});
worker.start();
parentPort.on('message', (message) => {
  if (message.type === 'notify') worker.notify();
  if (message.type === 'stop') {
    void worker
      .stop({ graceMs: message.graceMs })
      .then(() => store.close())
      .finally(() => parentPort.close());
  }
});
parentPort.postMessage({ type: 'ready' });
