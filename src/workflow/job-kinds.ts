// The jobs the webhook handlers enqueue and the worker runs. Payloads are plain JSON.

export const JOB_KINDS = {
  evaluatePullRequest: 'pr.evaluate',
  closePullRequest: 'pr.closed',
  runCommand: 'comment.command',
} as const;

export interface RepoTarget {
  installationId: number;
  owner: string;
  repo: string;
}

export interface EvaluatePullRequestPayload extends RepoTarget {
  pr: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  author: string;
  title: string;
  trigger: 'opened' | 'synchronize' | 'reopened' | 'command';
  /** `/infra plan stack…`: only these stacks. */
  onlyStacks?: string[];
  requestedBy?: string;
}

export interface ClosePullRequestPayload extends RepoTarget {
  pr: number;
  merged: boolean;
  headSha: string;
  mergeCommitSha?: string;
}

export interface RunCommandPayload extends RepoTarget {
  /** Issue or PR number (GitHub numbers them together). */
  number: number;
  isPullRequest: boolean;
  commentId: number;
  body: string;
  sender: { login: string; type: string };
}

export const fullName = (target: { owner: string; repo: string }): string => `${target.owner}/${target.repo}`;

/** Concurrency key of everything that evaluates one PR: one run at a time, a newer push supersedes a queued one. */
export const pullRequestKey = (target: { owner: string; repo: string }, pr: number): string =>
  `pr:${fullName(target)}#${pr}`;
