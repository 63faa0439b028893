import type { GitHubClient } from '../github/octokit.js';
import { getBranchHead, getRepository } from '../github/repos.js';

/** The default branch and its head commit. */
export async function defaultBranchHead(octokit: GitHubClient, target: { owner: string; repo: string }) {
  const { defaultBranch } = await getRepository(octokit, target);
  return { branch: defaultBranch, sha: await getBranchHead(octokit, { ...target, branch: defaultBranch }) };
}
