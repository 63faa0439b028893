// Dispatches the workflow and follows the run it creates until it completes, or until the app stops waiting.
//
// 1. POST …/dispatches with the inputs (asking for the run id; older GitHub versions do not give it).
// 2. Until the run is known: look for it among the workflow's recent runs by the correlation id in its name.
// 3. Poll the run. Not started (queued, waiting) by the start deadline, or not completed by the run's deadline, or the
//    caller's signal aborted: cancel it, so that a run the app gave up on cannot go on to change anything unseen.
//    A cancel GitHub refuses because the run has just completed counts as completion.
import {
  cancelWorkflowRun,
  dispatchWorkflow,
  findDispatchedRun,
  getWorkflowRun,
  type WorkflowRun,
} from '../github/actions.js';
import { GitHubGatewayError } from '../github/errors.js';
import type { GitHubClient } from '../github/octokit.js';
import type { RunnerLogger } from './runner-session.js';

export interface WatchSettings {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  workflow: string;
  ref: string;
  pollMs: number;
  startTimeoutMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: RunnerLogger;
}

export interface WatchRequest {
  inputs: Record<string, string>;
  /** Appears in the run's name (run-name), to find the run when GitHub does not return its id. */
  marker: string;
  deadline: number;
  signal?: AbortSignal;
}

export type WatchOutcome =
  | { kind: 'completed'; run: WorkflowRun }
  | { kind: 'not_dispatched'; error: GitHubGatewayError }
  | { kind: 'never_started' | 'timed_out' | 'aborted'; run?: WorkflowRun };

/** Seen before a runner picks the run up (or while an environment's protection rules hold it). */
const NOT_STARTED = new Set(['queued', 'waiting', 'requested', 'pending']);
/** Runs created this long before the dispatch returned still count (clocks differ). */
const CLOCK_SKEW_MS = 2 * 60_000;

const asGatewayError = (error: unknown) =>
  error instanceof GitHubGatewayError
    ? error
    : new GitHubGatewayError('unexpected', 'dispatch workflow', (error as Error).message, { cause: error });

export async function watchWorkflowRun(s: WatchSettings, req: WatchRequest): Promise<WatchOutcome> {
  const where = { owner: s.owner, repo: s.repo };
  const dispatchedAt = s.now();
  let runId: number | undefined;
  try {
    runId = (await dispatchWorkflow(s.octokit, { ...where, workflow: s.workflow, ref: s.ref, inputs: req.inputs }))
      .runId;
  } catch (error) {
    return { kind: 'not_dispatched', error: asGatewayError(error) };
  }
  const startDeadline = Math.min(req.deadline, dispatchedAt + s.startTimeoutMs);
  const since = new Date(dispatchedAt - CLOCK_SKEW_MS);
  let run: WorkflowRun | undefined;

  const look = async (): Promise<void> => {
    if (runId === undefined) {
      run = await findDispatchedRun(s.octokit, { ...where, workflow: s.workflow, since, marker: req.marker });
      runId = run?.id;
    } else {
      run = await getWorkflowRun(s.octokit, { ...where, runId });
    }
  };

  const stop = async (kind: 'never_started' | 'timed_out' | 'aborted'): Promise<WatchOutcome> => {
    try {
      if (runId === undefined) await look();
      if (runId !== undefined) {
        const cancelled = await cancelWorkflowRun(s.octokit, { ...where, runId });
        run = await getWorkflowRun(s.octokit, { ...where, runId });
        if (!cancelled && run.status === 'completed') return { kind: 'completed', run };
      }
    } catch (error) {
      s.log.warn({ runId, code: (error as GitHubGatewayError).code }, 'could not cancel the GitHub Actions run');
    }
    s.log.warn({ runId, kind, status: run?.status }, 'stopped waiting for the GitHub Actions run');
    return run === undefined ? { kind } : { kind, run };
  };

  for (;;) {
    if (req.signal?.aborted) return stop('aborted');
    try {
      await look();
    } catch (error) {
      // A failed poll is not a failed run: GitHub hiccups are retried until a deadline says otherwise.
      s.log.warn({ runId, code: (error as GitHubGatewayError).code }, 'polling the GitHub Actions run failed');
    }
    if (run?.status === 'completed') return { kind: 'completed', run };
    const now = s.now();
    const started = run !== undefined && !NOT_STARTED.has(run.status);
    if (!started && now >= startDeadline) return stop('never_started');
    if (now >= req.deadline) return stop('timed_out');
    await s.sleep(Math.max(1, Math.min(s.pollMs, (started ? req.deadline : startDeadline) - now)), req.signal);
  }
}

/** setTimeout as a promise that an abort ends early (and quietly: the loop checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
