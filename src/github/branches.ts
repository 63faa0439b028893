import { callGitHub, GitHubGatewayError, statusOf, toGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface CreateBranchParams {
  owner: string;
  repo: string;
  branch: string;
  fromSha: string;
}

/** Creates `branch` at `fromSha`; an existing branch is never moved (`created: false` and where it points). */
export async function createBranch(
  octokit: GitHubClient,
  params: CreateBranchParams,
): Promise<{ created: boolean; sha: string }> {
  const { owner, repo, branch, fromSha } = params;
  const operation = `create branch ${branch} on ${owner}/${repo}`;
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: fromSha });
    return { created: true, sha: fromSha };
  } catch (error) {
    if (statusOf(error) !== 422 || !/already exists/i.test((error as Error).message)) {
      throw toGatewayError(operation, error);
    }
  }
  const { data } = await callGitHub(operation, () => octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }));
  return { created: false, sha: data.object.sha };
}

export interface CommitFilesParams {
  owner: string;
  repo: string;
  branch: string;
  message: string;
  /** `content: null` deletes the file. */
  files: Array<{ path: string; content: string | null }>;
  /** The commit the branch must still point at; anything else fails with `head_moved`, nothing is overwritten. */
  expectedHeadSha: string;
  /**
   * Send text contents inside the tree request instead of one blob request per file: one write for any number of
   * files (GitHub writes the blobs), which matters under the 1-write-per-second throttle (bulk onboarding).
   */
  inlineContent?: boolean;
}

/**
 * One commit on `branch` through the Git Data API: blobs, a tree on top of the head's tree, a commit whose parent is
 * `expectedHeadSha`, then a non-forced ref update. Returns the new commit, or the head itself when nothing changed.
 */
export async function commitFiles(
  octokit: GitHubClient,
  params: CommitFilesParams,
): Promise<{ sha: string; changed: boolean }> {
  const { owner, repo, branch, message, files, expectedHeadSha } = params;
  const operation = `commit ${files.length} files to ${owner}/${repo}@${branch}`;
  const head = await callGitHub(operation, () =>
    octokit.rest.git.getCommit({ owner, repo, commit_sha: expectedHeadSha }),
  );
  const entries: Array<{ path: string; mode: '100644'; type: 'blob'; sha?: string | null; content?: string }> = [];
  for (const file of files) {
    if (file.content === null) {
      entries.push({ path: file.path, mode: '100644', type: 'blob', sha: null });
      continue;
    }
    const content = file.content;
    if (params.inlineContent) {
      entries.push({ path: file.path, mode: '100644', type: 'blob', content });
      continue;
    }
    const blob = await callGitHub(operation, () =>
      octokit.rest.git.createBlob({
        owner,
        repo,
        content: Buffer.from(content).toString('base64'),
        encoding: 'base64',
      }),
    );
    entries.push({ path: file.path, mode: '100644', type: 'blob', sha: blob.data.sha });
  }
  const tree = await callGitHub(operation, () =>
    octokit.rest.git.createTree({ owner, repo, base_tree: head.data.tree.sha, tree: entries }),
  );
  if (tree.data.sha === head.data.tree.sha) return { sha: expectedHeadSha, changed: false };
  const commit = await callGitHub(operation, () =>
    octokit.rest.git.createCommit({ owner, repo, message, tree: tree.data.sha, parents: [expectedHeadSha] }),
  );
  try {
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false });
  } catch (error) {
    if (statusOf(error) === 422 && /fast[- ]forward/i.test((error as Error).message)) {
      throw new GitHubGatewayError('head_moved', operation, `${branch} is no longer at ${expectedHeadSha}`, {
        status: 422,
        cause: error,
      });
    }
    throw toGatewayError(operation, error);
  }
  return { sha: commit.data.sha, changed: true };
}
