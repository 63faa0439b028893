import type { GitHubClient } from '../github/octokit.js';

/** The default branch and its head commit. */
export async function defaultBranchHead(octokit: GitHubClient, target: { owner: string; repo: string }) {
  const repository = (await octokit.rest.repos.get(target)).data;
  const ref = (await octokit.rest.git.getRef({ ...target, ref: `heads/${repository.default_branch}` })).data;
  return { branch: repository.default_branch, sha: ref.object.sha };
}
