// One process claiming from a shared SQLite file until the queue is empty.
// Args: <dataDir> <workerId> <startAtEpochMs> — every child starts claiming at the same moment.
import { openStore } from '../../../../src/store/open-store.js';

const [dataDir, workerId, startAt] = process.argv.slice(2);
const store = await openStore({ dataDir: dataDir! });
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
for (;;) {
  const job = await store.claim({ workerId: workerId!, leaseMs: 60_000, now: new Date() });
  if (!job) break;
  console.log(`claimed ${job.id}`);
  await store.complete(job.id, workerId!, { by: workerId });
}
await store.close();
