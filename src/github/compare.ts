import { callGitHub, GitHubGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface BranchPosition {
  /** The commit the base ref points at now. */
  baseSha: string;
  /** The best common ancestor of that commit and the head: where the head's branch left the base. */
  mergeBaseSha: string;
}

/**
 * Where a head stands against the CURRENT tip of a base ref, from GitHub's compare API (`base...head`): the tip
 * and the merge base in one call. A PR up to date with its base has mergeBaseSha === baseSha.
 */
export async function compareWithBase(
  octokit: GitHubClient,
  params: { owner: string; repo: string; baseRef: string; headSha: string },
): Promise<BranchPosition> {
  const operation = `compare ${params.baseRef}...${params.headSha.slice(0, 7)} of ${params.owner}/${params.repo}`;
  const { data } = await callGitHub(operation, () =>
    octokit.rest.repos.compareCommits({
      owner: params.owner,
      repo: params.repo,
      base: params.baseRef,
      head: params.headSha,
      // Only the two commits are used: keep the listed commits and files to the minimum.
      per_page: 1,
    }),
  );
  const baseSha = data.base_commit?.sha;
  const mergeBaseSha = data.merge_base_commit?.sha;
  if (typeof baseSha !== 'string' || typeof mergeBaseSha !== 'string') {
    throw new GitHubGatewayError('unexpected', operation, 'GitHub returned no base or merge base commit');
  }
  return { baseSha, mergeBaseSha };
}
