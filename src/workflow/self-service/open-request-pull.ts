import { GitHubGatewayError } from '../../github/errors.js';
import type { GitHubClient } from '../../github/octokit.js';
import { commitFiles, createBranch, listPullsOfBranch, openPull } from '../../github/pulls.js';
import { getCommitMessage } from '../../github/repos.js';
import { enqueueCardMove, type CardMoveDeps } from '../project-board.js';
import type { FileChange } from './check-change.js';
import {
  isOurCommit,
  MAX_BRANCH_SUFFIX,
  requestBranch,
  requestCommitMessage,
  requestMarker,
  type RequestKey,
} from './request-branch.js';

export interface RequestPullInput {
  installationId: number;
  key: RequestKey;
  /** The default branch and the commit the change was validated against. */
  base: { branch: string; sha: string };
  files: FileChange[];
  title: string;
  /** The PR description; `Closes #<issue>` is added. */
  body: string;
  commitSubject: string;
  commitBody: string;
}

export interface RequestPull {
  number: number;
  htmlUrl: string;
  nodeId: string;
  branch: string;
  /** False: this request's PR was already open (a re-run of the command, or a retried job). */
  created: boolean;
}

/**
 * The PR for one issue request:
 *  1. on `infra-bot/<command>/<issue>-<name>`: an open PR there that we opened for this request is the answer
 *     (re-runs open nothing, whatever was pushed to it since);
 *  2. a branch with a closed PR, or one somebody else wrote, is left alone: the next suffix (`-2`, `-3`…) is tried;
 *  3. a new branch (or our own from an interrupted run, or one still at the base) gets the commit, never forced;
 *  4. the PR (`Closes #<issue>`), then its card in the board's planned column.
 */
export async function openRequestPull(
  services: CardMoveDeps,
  octokit: GitHubClient,
  input: RequestPullInput,
): Promise<RequestPull> {
  const { key } = input;
  const target = { owner: key.owner, repo: key.repo };
  for (let attempt = 1; attempt <= MAX_BRANCH_SUFFIX; attempt++) {
    const branch = requestBranch(key, attempt);
    const pulls = await listPullsOfBranch(octokit, { ...target, head: `${key.owner}:${branch}`, perPage: 10 });
    const open = pulls.find((pull) => pull.state === 'open');
    if (open && open.body.includes(requestMarker(key))) {
      return { number: open.number, htmlUrl: open.htmlUrl, nodeId: open.nodeId, branch, created: false };
    }
    if (pulls.length > 0) continue;
    const head = await claimBranch(octokit, target, branch, input.base.sha, key);
    if (head === undefined) continue;
    await commitFiles(octokit, {
      ...target,
      branch,
      message: requestCommitMessage(key, input.commitSubject, input.commitBody),
      files: input.files,
      expectedHeadSha: head,
      inlineContent: true,
    });
    const pull = await openPull(octokit, {
      ...target,
      head: branch,
      base: input.base.branch,
      title: input.title,
      body: `${requestMarker(key)}\n${input.body}\n\nCloses #${key.issue}`,
    });
    await enqueueCardMove(services, {
      installationId: input.installationId,
      ...target,
      pr: pull.number,
      nodeId: pull.nodeId,
      column: 'planned',
    });
    return { number: pull.number, htmlUrl: pull.htmlUrl, nodeId: pull.nodeId, branch, created: pull.created };
  }
  throw new GitHubGatewayError(
    'conflict',
    `open a pull request for ${requestBranch(key)}`,
    `${MAX_BRANCH_SUFFIX} branches of that name are taken`,
  );
}

/**
 * A branch for a request that opens no PR (the access-review report): the request's branch when it is new, still at
 * the base, or ours from an earlier run; else the next suffix. Returns the branch and the head to commit on.
 */
export async function claimRequestBranch(
  octokit: GitHubClient,
  key: RequestKey,
  baseSha: string,
): Promise<{ branch: string; head: string }> {
  for (let attempt = 1; attempt <= MAX_BRANCH_SUFFIX; attempt++) {
    const branch = requestBranch(key, attempt);
    const head = await claimBranch(octokit, { owner: key.owner, repo: key.repo }, branch, baseSha, key);
    if (head !== undefined) return { branch, head };
  }
  throw new GitHubGatewayError(
    'conflict',
    `create ${requestBranch(key)}`,
    `${MAX_BRANCH_SUFFIX} branches of that name are taken`,
  );
}

/** The head to commit on: a new branch at the base, or an existing one that is ours or still at the base. */
async function claimBranch(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  branch: string,
  baseSha: string,
  key: RequestKey,
): Promise<string | undefined> {
  const created = await createBranch(octokit, { ...target, branch, fromSha: baseSha });
  if (created.created || created.sha === baseSha) return created.sha;
  const message = await getCommitMessage(octokit, { ...target, sha: created.sha });
  return isOurCommit(message, key) ? created.sha : undefined;
}
