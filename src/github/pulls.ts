import { callGitHub, GitHubGatewayError, statusOf, toGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

export { commitFiles, createBranch, type CommitFilesParams, type CreateBranchParams } from './branches.js';

export interface PullRequest {
  number: number;
  /** GraphQL node id: what the Projects (v2) board adds as a card. */
  nodeId: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  title: string;
  body: string;
  user: { login: string; type: string };
  head: { ref: string; sha: string; repoFullName: string | null };
  base: { ref: string; sha: string };
  mergeCommitSha: string | null;
  htmlUrl: string;
  labels: string[];
}

interface PullData {
  number: number;
  node_id: string;
  state: string;
  merged_at: string | null;
  draft?: boolean;
  title: string;
  body: string | null;
  user: { login: string; type: string } | null;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string };
  merge_commit_sha: string | null;
  html_url: string;
  labels: Array<{ name?: string }>;
}

/** Only the fields the app uses, so nothing downstream depends on octokit's response types. */
export function toPullRequest(data: PullData): PullRequest {
  return {
    number: data.number,
    nodeId: data.node_id,
    state: data.state === 'open' ? 'open' : 'closed',
    merged: data.merged_at !== null,
    draft: data.draft === true,
    title: data.title,
    body: data.body ?? '',
    user: { login: data.user?.login ?? 'ghost', type: data.user?.type ?? 'User' },
    head: { ref: data.head.ref, sha: data.head.sha, repoFullName: data.head.repo?.full_name ?? null },
    base: { ref: data.base.ref, sha: data.base.sha },
    mergeCommitSha: data.merge_commit_sha,
    htmlUrl: data.html_url,
    labels: data.labels.flatMap((label) => (label.name === undefined ? [] : [label.name])),
  };
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export async function getPull(octokit: GitHubClient, params: RepoRef & { pull_number: number }): Promise<PullRequest> {
  const { data } = await callGitHub(`get pull ${params.owner}/${params.repo}#${params.pull_number}`, () =>
    octokit.rest.pulls.get({ owner: params.owner, repo: params.repo, pull_number: params.pull_number }),
  );
  return toPullRequest(data);
}

/** All open pull requests (every page), oldest first. */
export async function listOpenPulls(
  octokit: GitHubClient,
  params: RepoRef & { base?: string },
): Promise<PullRequest[]> {
  const pulls = await callGitHub(`list open pulls of ${params.owner}/${params.repo}`, () =>
    octokit.paginate(octokit.rest.pulls.list, {
      ...params,
      state: 'open',
      sort: 'created',
      direction: 'asc',
      per_page: 100,
    }),
  );
  return pulls.map(toPullRequest);
}

/** Pull requests (open and closed, newest first) whose head is `head`, `owner:branch`; one page is enough. */
export async function listPullsOfBranch(
  octokit: GitHubClient,
  params: RepoRef & { head: string; perPage: number },
): Promise<PullRequest[]> {
  const { owner, repo, head, perPage } = params;
  const { data } = await callGitHub(`list pulls of ${head}`, () =>
    octokit.rest.pulls.list({ owner, repo, head, state: 'all', per_page: perPage }),
  );
  return data.map(toPullRequest);
}

/** Merges a pull request only while its head is still `sha` (GitHub answers 409 when it moved). */
export async function mergePull(
  octokit: GitHubClient,
  params: RepoRef & { pull_number: number; sha: string; method: 'merge' | 'squash' | 'rebase' },
): Promise<void> {
  const { owner, repo, pull_number, sha, method } = params;
  await callGitHub(`merge pull ${owner}/${repo}#${pull_number}`, () =>
    octokit.rest.pulls.merge({ owner, repo, pull_number, sha, merge_method: method }),
  );
}

export interface OpenPullParams extends RepoRef {
  head: string;
  base: string;
  title: string;
  body: string;
  draft?: boolean;
}

/**
 * Opens a pull request from `head`; when one is already open for that branch (a retried job), returns it with
 * `created: false` instead of failing.
 */
export async function openPull(
  octokit: GitHubClient,
  params: OpenPullParams,
): Promise<{ number: number; htmlUrl: string; nodeId: string; created: boolean }> {
  const operation = `open pull ${params.head} → ${params.base} on ${params.owner}/${params.repo}`;
  try {
    const { owner, repo, head, base, title, body } = params;
    const { data } = await octokit.rest.pulls.create({
      owner,
      repo,
      head,
      base,
      title,
      body,
      draft: params.draft === true,
    });
    return { number: data.number, htmlUrl: data.html_url, nodeId: data.node_id, created: true };
  } catch (error) {
    if (statusOf(error) !== 422 || !/already exists/i.test((error as Error).message)) {
      throw toGatewayError(operation, error);
    }
  }
  const existing = await callGitHub(operation, () =>
    octokit.rest.pulls.list({
      owner: params.owner,
      repo: params.repo,
      head: `${params.owner}:${params.head}`,
      state: 'open',
    }),
  );
  const pull = existing.data[0];
  if (pull === undefined)
    throw new GitHubGatewayError('conflict', operation, 'GitHub reports a pull request that is not listed');
  return { number: pull.number, htmlUrl: pull.html_url, nodeId: pull.node_id, created: false };
}
