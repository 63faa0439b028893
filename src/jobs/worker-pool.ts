// The web process's side of job execution in worker threads: it starts N threads (each claims jobs from the store
// like a replica would, with its own connection and clients), wakes them when a delivery is enqueued, gathers
// their metrics for /metrics, and replaces a thread that dies. The edge's event loop never runs job code.
// A dead thread's jobs follow the replicas' contract: their lease expires and a live worker (the replacement
// recovers at start, then every lease period) queues them again, counting the attempt, or reports them
// interrupted when they must not rerun by themselves. Counting the attempt is what stops a job that crashes its
// thread every time from crashing them forever.
import { Worker as Thread } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import { coalesce } from './coalesce.js';
import type { JobLog } from './log.js';
import type { ParentMessage, ThreadMessage, ThreadStart } from './worker-thread-protocol.js';

export interface WorkerPoolOptions {
  /** The thread's entry module (lib/app/worker-thread-main.js in production). */
  script: URL;
  threads: number;
  /** Prefix of each thread's lease holder name: `<prefix>:t<index>`. */
  workerIdPrefix: string;
  log: JobLog;
  /** Passed to every thread as is (workerData.extra). */
  extra?: unknown;
  /** How long a metrics request waits for a thread's answer. */
  metricsTimeoutMs?: number;
  /** V8 heap limits of each thread (Node's defaults when absent). */
  resourceLimits?: ResourceLimits;
}

export interface WorkerPool {
  start(): void;
  notify(): void;
  /** Each thread's metrics (prom-client's JSON form), from the threads that answered in time. */
  collectMetrics(): Promise<unknown[][]>;
  /** Threads alive and claiming. */
  running(): number;
  stop(options?: { graceMs?: number }): Promise<void>;
}

interface Slot {
  thread?: Thread;
  ready: boolean;
  generation: number;
  startedAt: number;
  /** Deaths in a row shortly after start (a broken set-up): the next start waits longer. */
  quickDeaths: number;
}

const QUICK_DEATH_MS = 10_000;

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const { log } = options;
  const slots: Slot[] = Array.from({ length: options.threads }, () => ({
    ready: false,
    generation: 0,
    startedAt: 0,
    quickDeaths: 0,
  }));
  const pendingMetrics = new Map<number, (metrics: unknown[]) => void>();
  let nextRequest = 0;
  let stopping = false;

  const post = (slot: Slot, message: ParentMessage) => {
    if (slot.ready) slot.thread?.postMessage(message);
  };
  const broadcast = (message: ParentMessage) => slots.forEach((slot) => post(slot, message));
  const wake = coalesce(() => broadcast({ type: 'notify' }));

  const spawn = (index: number) => {
    const slot = slots[index]!;
    slot.generation += 1;
    const start: ThreadStart = {
      // A new name per generation: the dead thread's leases are never mistaken for the new one's.
      workerId: `${options.workerIdPrefix}:t${index}.${slot.generation}`,
      runSweeps: index === 0,
      extra: options.extra,
    };
    const thread = new Thread(options.script, {
      workerData: start,
      ...(options.resourceLimits && { resourceLimits: options.resourceLimits }),
    });
    slot.thread = thread;
    slot.ready = false;
    slot.startedAt = Date.now();
    thread.on('message', (message: ThreadMessage) => {
      if (message.type === 'ready') slot.ready = true;
      // A job enqueued a job: any thread may take it.
      else if (message.type === 'notify') wake();
      else if (message.type === 'metrics') pendingMetrics.get(message.id)?.(message.metrics);
    });
    thread.on('error', (error) => log.error({ err: String(error?.stack ?? error) }, 'a worker thread crashed'));
    thread.on('exit', (code) => {
      slot.ready = false;
      slot.thread = undefined;
      if (stopping) return;
      log.error(
        { workerId: start.workerId, code },
        'a worker thread stopped; its jobs are recovered, a new one starts',
      );
      slot.quickDeaths = Date.now() - slot.startedAt < QUICK_DEATH_MS ? slot.quickDeaths + 1 : 0;
      const delayMs = slot.quickDeaths ? Math.min(30_000, 500 * 2 ** slot.quickDeaths) : 0;
      const timer = setTimeout(() => !stopping && spawn(index), delayMs);
      timer.unref();
    });
  };

  const collectFrom = (slot: Slot, timeoutMs: number) =>
    new Promise<unknown[] | undefined>((resolve) => {
      if (!slot.ready || !slot.thread) return resolve(undefined);
      const id = nextRequest++;
      const timer = setTimeout(() => {
        pendingMetrics.delete(id);
        resolve(undefined);
      }, timeoutMs);
      pendingMetrics.set(id, (metrics) => {
        clearTimeout(timer);
        pendingMetrics.delete(id);
        resolve(metrics);
      });
      slot.thread.postMessage({ type: 'metrics', id } satisfies ParentMessage);
    });

  const stopSlot = (slot: Slot, graceMs: number) =>
    new Promise<void>((resolve) => {
      const thread = slot.thread;
      if (!thread) return resolve();
      thread.once('exit', () => resolve());
      // The thread stops its worker (grace period, then hand-back) and exits; a thread stuck past it is terminated.
      const hardStop = setTimeout(() => void thread.terminate(), graceMs + 5_000);
      hardStop.unref();
      thread.postMessage({ type: 'stop', graceMs } satisfies ParentMessage);
    });

  return {
    start: () => slots.forEach((_, index) => spawn(index)),
    notify: wake,
    collectMetrics: async () => {
      const all = await Promise.all(slots.map((slot) => collectFrom(slot, options.metricsTimeoutMs ?? 2_000)));
      return all.filter((metrics): metrics is unknown[] => metrics !== undefined);
    },
    running: () => slots.filter((slot) => slot.ready).length,
    stop: async ({ graceMs = 30_000 } = {}) => {
      stopping = true;
      await Promise.all(slots.map((slot) => stopSlot(slot, graceMs)));
    },
  };
}
