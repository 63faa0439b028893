import { callGitHub, GitHubGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

/** GitHub lists at most 3000 files of a pull request and says nothing about the rest. */
export const MAX_LISTED_PR_FILES = 3000;

export interface ListChangedFilesParams {
  owner: string;
  repo: string;
  pull_number: number;
}

/**
 * Every path a pull request touches, sorted; a rename contributes both its old and its new path (a spec moved out
 * of a folder changes what that folder's stack contains). A listing that reaches GitHub's cap fails with
 * `file_list_truncated` so the caller can fall back to "everything is affected" instead of missing a change.
 */
export async function listChangedFiles(octokit: GitHubClient, params: ListChangedFilesParams): Promise<string[]> {
  const operation = `list files of ${params.owner}/${params.repo}#${params.pull_number}`;
  const files = await callGitHub(operation, () =>
    octokit.paginate(octokit.rest.pulls.listFiles, { ...params, per_page: 100 }),
  );
  if (files.length >= MAX_LISTED_PR_FILES) {
    throw new GitHubGatewayError('file_list_truncated', operation, `GitHub lists only ${MAX_LISTED_PR_FILES} files`);
  }
  const paths = new Set<string>();
  for (const file of files) {
    paths.add(file.filename);
    if (file.previous_filename !== undefined) paths.add(file.previous_filename);
  }
  return [...paths].sort();
}
