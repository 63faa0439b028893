import { truncate } from './annotations.js';
import { callGitHub } from './errors.js';
import type { GitHubClient } from './octokit.js';

/** GitHub rejects longer commit status descriptions. */
export const MAX_STATUS_DESCRIPTION = 140;

export interface SetCommitStatusParams {
  owner: string;
  repo: string;
  sha: string;
  /** The name branch protection requires, e.g. "infra-bot/approval". */
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string;
  target_url?: string;
}

/** Sets one commit status; returns its id. */
export async function setCommitStatus(octokit: GitHubClient, params: SetCommitStatusParams): Promise<number> {
  const { owner, repo, sha, context, state, target_url } = params;
  const { data } = await callGitHub(`set status "${context}" on ${owner}/${repo}@${sha}`, () =>
    octokit.rest.repos.createCommitStatus({
      owner,
      repo,
      sha,
      context,
      state,
      description: truncate(params.description, MAX_STATUS_DESCRIPTION),
      ...(target_url === undefined ? {} : { target_url }),
    }),
  );
  return data.id;
}
