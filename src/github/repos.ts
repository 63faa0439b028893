import { callGitHub } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './pulls.js';

export interface Repository {
  defaultBranch: string;
  htmlUrl: string;
}

export async function getRepository(
  octokit: GitHubClient,
  target: RepoRef,
  operation = `get ${target.owner}/${target.repo}`,
): Promise<Repository> {
  const { data } = await callGitHub(operation, () =>
    octokit.rest.repos.get({ owner: target.owner, repo: target.repo }),
  );
  return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
}

/** The commit a branch points at. */
export async function getBranchHead(octokit: GitHubClient, params: RepoRef & { branch: string }): Promise<string> {
  const { owner, repo, branch } = params;
  const { data } = await callGitHub(`get the head of ${branch}`, () =>
    octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }),
  );
  return data.object.sha;
}

/** The parents of a commit, first parent first (a merge commit's first parent is the branch merged into). */
export async function getCommitParents(octokit: GitHubClient, params: RepoRef & { sha: string }): Promise<string[]> {
  const { owner, repo, sha } = params;
  const { data } = await callGitHub(`get commit ${sha.slice(0, 7)} of ${owner}/${repo}`, () =>
    octokit.rest.repos.getCommit({ owner, repo, ref: sha }),
  );
  return data.parents.map((parent) => parent.sha);
}

/** A commit's message, read from the git database (no diff, unlike the commits API). */
export async function getCommitMessage(octokit: GitHubClient, params: RepoRef & { sha: string }): Promise<string> {
  const { owner, repo, sha } = params;
  const { data } = await callGitHub(`get commit ${sha}`, () =>
    octokit.rest.git.getCommit({ owner, repo, commit_sha: sha }),
  );
  return data.message;
}

/** A user's public email; undefined when they keep it private. */
export async function getPublicEmail(octokit: GitHubClient, login: string): Promise<string | undefined> {
  const { data } = await callGitHub(`get user ${login}`, () => octokit.rest.users.getByUsername({ username: login }));
  return data.email ?? undefined;
}

/** The REST API's base URL this client talks to (`https://api.github.com`, or `https://<ghe>/api/v3`). */
export function apiBaseUrl(octokit: GitHubClient): string {
  return octokit.request.endpoint.DEFAULTS.baseUrl;
}
