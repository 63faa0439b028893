// A worker process whose handlers never finish: the test kills it with SIGKILL mid-job.
// Args: <dataDir> <leaseMs>
import { createWorker } from '../../../../src/jobs/worker.js';
import { systemClock } from '../../../../src/jobs/clock.js';
import { openStore } from '../../../../src/store/open-store.js';

const [dataDir, leaseMs] = process.argv.slice(2);
const store = await openStore({ dataDir: dataDir! });
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const hang = (job: { id: string; kind: string }) => {
  console.log(`started ${job.kind} ${job.id}`);
  return new Promise(() => undefined);
};
createWorker({
  store,
  handlers: { plan: hang, apply: hang },
  clock: systemClock,
  log: quiet,
  workerId: `child-${process.pid}`,
  concurrency: 2,
  leaseMs: Number(leaseMs),
  pollMs: 20,
}).start();
// The worker's timers do not hold the process open (a real server's HTTP listener does).
setInterval(() => undefined, 1000);
console.log('ready');
