// What to tell people when a run ended before it could report: never dispatched, never started, never finished, or
// abandoned. Each names the workflow or the run, and says what to do where there is something to do.
import type { GitHubGatewayError } from '../github/errors.js';
import type { WatchOutcome } from './actions-watch.js';
import { formatMs } from './runner-session.js';
import type { RunPhase } from './runner.js';

export interface StoppedContext {
  owner: string;
  repo: string;
  workflow: string;
  ref: string;
  /** The phase a run of this action reports when it was underway. */
  phase: RunPhase;
  startTimeoutMs: number;
  timeoutMs: number;
}

export interface Stopped {
  phase: RunPhase;
  error: string;
  timedOut: boolean;
  cancelled: boolean;
}

function notDispatched(error: GitHubGatewayError, c: StoppedContext): string {
  const file = `.github/workflows/${c.workflow}`;
  const base = `Could not start the GitHub Actions workflow ${file} in ${c.owner}/${c.repo}`;
  if (error.code === 'not_found') {
    return `${base}: there is no ${file} on ${c.ref}. Copy it from infra-bot's ${file} to that branch.`;
  }
  if (error.code === 'forbidden' || error.code === 'unauthorized') {
    return `${base}: the app may not run workflows there. Grant the app the "Actions: write" permission.`;
  }
  if (error.code === 'validation_failed') {
    return (
      `${base}: GitHub refused its inputs (${error.message}). ` +
      'The workflow file is probably older than this app: copy the current one.'
    );
  }
  return `${base}: ${error.message}`;
}

export function stoppedRun(outcome: Exclude<WatchOutcome, { kind: 'completed' }>, c: StoppedContext): Stopped {
  const stopped = { timedOut: false, cancelled: false };
  if (outcome.kind === 'not_dispatched') return { ...stopped, phase: 'init', error: notDispatched(outcome.error, c) };
  const run = outcome.run === undefined ? undefined : `The GitHub Actions run ${outcome.run.htmlUrl}`;
  switch (outcome.kind) {
    case 'never_started':
      return {
        ...stopped,
        phase: 'init',
        timedOut: true,
        error:
          run === undefined
            ? `No run of ${c.workflow} appeared within ${formatMs(c.startTimeoutMs)} of the dispatch; nothing ran.`
            : `${run} did not start within ${formatMs(c.startTimeoutMs)} (no runner picked it up, or a rule holds ` +
              'it) and was cancelled; nothing ran.',
      };
    case 'timed_out':
      return {
        ...stopped,
        phase: c.phase,
        timedOut: true,
        error: `${run ?? 'The GitHub Actions run'} did not finish within the run's ${formatMs(c.timeoutMs)} deadline and was cancelled.`,
      };
    case 'aborted':
      return {
        ...stopped,
        phase: c.phase,
        cancelled: true,
        error: `${run ?? 'The GitHub Actions run'} was cancelled: infra-bot stopped waiting for it.`,
      };
  }
}
