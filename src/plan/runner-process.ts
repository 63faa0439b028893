// Runs one Terraform command as a child process with a deadline, graceful interrupt and bounded capture.
import { spawn } from 'node:child_process';
import type { BoundedOutput, WholeOutput } from './runner-output.js';

export interface ProcessRequest {
  binary: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Absolute time (ms since epoch) by which the child must be gone. */
  deadline: number;
  now: () => number;
  signal?: AbortSignal;
  /** Time between SIGINT (Terraform's graceful stop) and SIGKILL. */
  graceMs: number;
  /** Receives stdout and stderr interleaved, unless `stdout` is given. */
  log: BoundedOutput;
  /** Receives stderr only (for error extraction). */
  stderr: BoundedOutput;
  /** Captures stdout whole instead of logging it (`show -json`); overflowing it kills the child. */
  stdout?: WholeOutput;
}

export interface ProcessResult {
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The child could not be started (e.g. the binary is missing). */
  spawnError?: Error;
}

/** After SIGKILL, how long to wait for the pipes to close before giving up on them. */
const CLOSE_FALLBACK_MS = 2000;
/** setTimeout fires at once for delays past 2^31-1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function runProcess(req: ProcessRequest): Promise<ProcessResult> {
  if (req.signal?.aborted) return Promise.resolve({ exitCode: null, timedOut: false, cancelled: true });
  const remaining = req.deadline - req.now();
  if (remaining <= 0) return Promise.resolve({ exitCode: null, timedOut: true, cancelled: false });

  return new Promise((resolve) => {
    // Own process group, so that SIGINT/SIGKILL also reach provider plugins Terraform started.
    const child = spawn(req.binary, req.args, {
      cwd: req.cwd,
      env: req.env,
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stopping: 'timeout' | 'cancel' | 'overflow' | null = null;
    let exitCode: number | null = null;
    const timers: NodeJS.Timeout[] = [];
    let settled = false;

    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        child.kill(sig); // group already gone; the leader may still be reapable
      }
    };
    const stop = (reason: 'timeout' | 'cancel' | 'overflow') => {
      if (stopping) return;
      stopping = reason;
      if (reason === 'overflow') return kill();
      signalGroup('SIGINT');
      timers.push(setTimeout(kill, req.graceMs));
    };
    const kill = () => {
      signalGroup('SIGKILL');
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish({ exitCode });
        }, CLOSE_FALLBACK_MS),
      );
    };
    const onAbort = () => stop('cancel');
    const finish = (result: Partial<ProcessResult>) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      req.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode: result.exitCode ?? null,
        timedOut: stopping === 'timeout',
        cancelled: stopping === 'cancel',
        ...(result.spawnError ? { spawnError: result.spawnError } : {}),
      });
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (!req.stdout) return req.log.write(chunk);
      if (!req.stdout.write(chunk)) stop('overflow');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      req.log.write(chunk);
      req.stderr.write(chunk);
    });
    // 'error' also reports failed kills; only a child that never started is finished here.
    child.on('error', (spawnError) => {
      if (child.pid === undefined) finish({ spawnError });
    });
    child.on('exit', (code) => (exitCode = code));
    child.on('close', (code) => finish({ exitCode: code }));
    timers.push(setTimeout(() => stop('timeout'), Math.min(remaining, MAX_TIMER_MS)));
    req.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
