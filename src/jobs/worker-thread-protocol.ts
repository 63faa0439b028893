// The messages between the web process and its worker threads (structured-cloned by postMessage).
/** workerData of a worker thread. */
export interface ThreadStart {
  workerId: string;
  /** Exactly one thread runs the periodic sweeps. */
  runSweeps: boolean;
  extra?: unknown;
}

export type ParentMessage = { type: 'notify' } | { type: 'stop'; graceMs: number } | { type: 'metrics'; id: number };

export type ThreadMessage =
  { type: 'ready' } | { type: 'notify' } | { type: 'metrics'; id: number; metrics: unknown[] } | { type: 'stopped' };
