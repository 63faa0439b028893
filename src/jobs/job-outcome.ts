import type { Job } from '../store/store.js';

/** What one finished-job log line says: the job, what it was about (repo, PR, stacks) and how it ended. */
export interface JobOutcomeFields {
  jobId: string;
  kind: string;
  outcome: string;
  repo?: string;
  pr?: number;
  stacks?: string[];
}

const MAX_OUTCOME = 300;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

const stackNames = (payload: Record<string, unknown>): string[] => {
  const names = new Set<string>();
  for (const key of ['stack', 'onlyStack']) {
    const name = text(payload[key]);
    if (name) names.add(name);
  }
  for (const key of ['onlyStacks', 'stacks']) {
    const list = payload[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const name =
        text(item) ??
        (typeof item === 'object' && item !== null ? text((item as { stack?: unknown }).stack) : undefined);
      if (name) names.add(name);
    }
  }
  return [...names];
};

/** A handler's return value as a short line: a string as is, anything else as JSON, nothing as "done". */
export function describeOutcome(result: unknown): string {
  if (result === undefined || result === null || result === '') return 'done';
  let line: string;
  try {
    line = typeof result === 'string' ? result : (JSON.stringify(result) ?? String(result));
  } catch {
    line = String(result);
  }
  return line.length > MAX_OUTCOME ? `${line.slice(0, MAX_OUTCOME - 1)}…` : line;
}

/** Reads the usual payload fields (owner/repo, pr or a PR's number, stacks) without trusting their shape. */
export function jobOutcomeFields(job: Job, result: unknown): JobOutcomeFields {
  const payload = (typeof job.payload === 'object' && job.payload !== null ? job.payload : {}) as Record<
    string,
    unknown
  >;
  const owner = text(payload.owner);
  const repoName = text(payload.repo);
  const repo = owner && repoName ? `${owner}/${repoName}` : repoName;
  const number = payload.pr ?? (payload.isPullRequest === true ? payload.number : undefined);
  const pr = typeof number === 'number' && Number.isInteger(number) ? number : undefined;
  const stacks = stackNames(payload);
  return {
    jobId: job.id,
    kind: job.kind,
    outcome: describeOutcome(result),
    ...(repo && { repo }),
    ...(pr !== undefined && { pr }),
    ...(stacks.length > 0 && { stacks }),
  };
}
