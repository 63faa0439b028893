import type { GitStore } from './git-store.js';

/** The records the GitHub double keeps; REST representations are built from these in serialize.ts. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface Actor {
  login: string;
  type: 'User' | 'Bot' | 'Organization';
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  installationId: number;
  private: boolean;
  git: GitStore;
  /** "refs/heads/main" → commit sha */
  refs: Map<string, string>;
  collaborators: Map<string, Permission>;
  nextNumber: number;
}

export interface InstallationRecord {
  id: number;
  account: Actor;
}

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  user: Actor;
  state: 'open' | 'closed';
  labels: string[];
  createdAt: string;
  pull?: PullFields;
}

export interface PullFields {
  head: string;
  base: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  /** Frozen when the pull request closes; while open the branch tips are read live. */
  closedHeadSha: string | null;
  closedBaseSha: string | null;
}

export interface CommentRecord {
  id: number;
  repoKey: string;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface ReactionRecord {
  id: number;
  commentId: number;
  content: string;
  user: Actor;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  title?: string;
  message: string;
  raw_details?: string;
}

export interface CheckRunRecord {
  id: number;
  repoKey: string;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation received, in order, across all requests. */
  annotations: AnnotationRecord[];
  /** How many annotations each create/update request carried. */
  annotationBatches: number[];
}

export interface StatusRecord {
  id: number;
  repoKey: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  creator: Actor;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  body?: unknown;
}

export interface FaultRule {
  method?: string;
  /** Tested against the request path (e.g. "/api/v3/repos/o/r/check-runs"); a string matches as a substring. */
  pathPattern: RegExp | string;
  status: 500 | 502 | 403 | 404 | 429;
  times?: number;
  /** Seconds, sent as retry-after on 403 (secondary rate limit) and 429. */
  retryAfter?: number;
}

export const repoKey = (owner: string, repo: string): string => `${owner}/${repo}`.toLowerCase();

/** A thrown HttpError becomes GitHub's error JSON with that status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');
/** GitHub's 422 shape: "Validation Failed" plus one `{ resource, code, field, message }` per problem. */
export const validationFailed = (...errors: Array<Record<string, string>>): HttpError =>
  new HttpError(422, 'Validation Failed', { errors });
