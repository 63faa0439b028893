import { callGitHub, GitHubGatewayError, statusOf, toGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

/** GitHub refuses comment bodies longer than this (characters). */
export const MAX_COMMENT_LENGTH = 65_536;

export interface UpsertMarkedCommentsParams {
  owner: string;
  repo: string;
  issue_number: number;
  /** Names the comment series, e.g. "plan"; hidden in each body so the series can be found again. */
  marker: string;
  /** Bodies in order; each must leave room for the marker line (`markerLine(marker, i).length + 1`). */
  parts: string[];
  /** Ids from the last upsert, in part order; added to the series found by its marker. */
  knownIds?: number[];
}

export function markerLine(marker: string, index: number): string {
  return `<!-- infra-bot:${marker} part ${index + 1} -->`;
}

const MARKER = /^<!-- infra-bot:([\w:.-]+) part (\d+) -->\n/;

async function findSeries(octokit: GitHubClient, p: UpsertMarkedCommentsParams): Promise<number[]> {
  const comments = await callGitHub(`list comments of ${p.owner}/${p.repo}#${p.issue_number}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, {
      owner: p.owner,
      repo: p.repo,
      issue_number: p.issue_number,
      per_page: 100,
    }),
  );
  const found: number[] = [];
  for (const comment of comments) {
    const match = MARKER.exec(comment.body ?? '');
    // only our own kind of author: a person quoting the marker must never get their comment rewritten
    if (match?.[1] === p.marker && comment.user?.type === 'Bot') found.push(comment.id);
  }
  return found;
}

/**
 * Keeps one logical comment (split in parts) up to date. The series is always looked up by its marker (ids known
 * from the last upsert are added, a listing can lag): its comments, oldest first, receive parts 1, 2, … in place,
 * so the parts read in order on the PR whatever happened before; a comment gone meanwhile (404) is skipped; parts
 * beyond the series are created at the end; comments beyond the parts are deleted. Returns the ids in part order.
 * A failure is thrown with the part it concerns; the parts already written say "part i of N", so a reader sees
 * one is missing, and the next upsert repairs the series.
 */
export async function upsertMarkedComments(
  octokit: GitHubClient,
  params: UpsertMarkedCommentsParams,
): Promise<number[]> {
  const { owner, repo, issue_number, marker, parts } = params;
  const where = `${owner}/${repo}#${issue_number}`;
  if (!/^[\w:.-]+$/.test(marker)) {
    throw new GitHubGatewayError('validation_failed', `upsert comments on ${where}`, `bad marker "${marker}"`);
  }
  const bodies = parts.map((part, i) => `${markerLine(marker, i)}\n${part}`);
  const tooLong = bodies.findIndex((body) => body.length > MAX_COMMENT_LENGTH);
  if (tooLong !== -1) {
    throw new GitHubGatewayError('comment_too_long', `upsert comments on ${where}`, `part ${tooLong + 1} is too long`);
  }
  const found = await findSeries(octokit, params);
  // GitHub's comment ids grow with time: ascending ids are the order the comments show in.
  const series = [...new Set([...(params.knownIds ?? []), ...found])].sort((a, b) => a - b);
  const ids: number[] = [];
  let next = 0;
  for (const [i, body] of bodies.entries()) {
    const label = `part ${i + 1} of ${bodies.length}`;
    let edited: number | undefined;
    while (edited === undefined && next < series.length) {
      const id = series[next++]!;
      if (await editIfPresent(octokit, { owner, repo, comment_id: id, body }, label)) edited = id;
    }
    if (edited !== undefined) {
      ids.push(edited);
      continue;
    }
    const { data } = await callGitHub(`create comment ${label} on ${where}`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number, body }),
    );
    ids.push(data.id);
  }
  for (const surplus of series.slice(next)) {
    await deleteIfPresent(octokit, { owner, repo, comment_id: surplus });
  }
  return ids;
}

interface CommentRef {
  owner: string;
  repo: string;
  comment_id: number;
}

async function editIfPresent(octokit: GitHubClient, p: CommentRef & { body: string }, label: string): Promise<boolean> {
  try {
    await octokit.rest.issues.updateComment({ owner: p.owner, repo: p.repo, comment_id: p.comment_id, body: p.body });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw toGatewayError(`edit comment ${p.comment_id} (${label}) on ${p.owner}/${p.repo}`, error);
  }
}

async function deleteIfPresent(octokit: GitHubClient, p: CommentRef): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner: p.owner, repo: p.repo, comment_id: p.comment_id });
  } catch (error) {
    if (statusOf(error) !== 404) throw toGatewayError(`delete comment ${p.comment_id} on ${p.owner}/${p.repo}`, error);
  }
}

export interface ReplyParams {
  owner: string;
  repo: string;
  issue_number: number;
  body: string;
}

/** A plain new comment (answers to commands); returns its id. */
export async function reply(octokit: GitHubClient, params: ReplyParams): Promise<number> {
  const where = `${params.owner}/${params.repo}#${params.issue_number}`;
  if (params.body.length > MAX_COMMENT_LENGTH) {
    throw new GitHubGatewayError('comment_too_long', `reply on ${where}`, `${params.body.length} characters`);
  }
  const { data } = await callGitHub(`reply on ${where}`, () =>
    octokit.rest.issues.createComment({
      owner: params.owner,
      repo: params.repo,
      issue_number: params.issue_number,
      body: params.body,
    }),
  );
  return data.id;
}

export type Reaction = 'eyes' | '+1' | 'confused' | 'rocket';

export interface AddReactionParams {
  owner: string;
  repo: string;
  comment_id: number;
  content: Reaction;
}

/** Reacts to an issue or PR comment (GitHub answers 200 instead of 201 when the reaction is already there). */
export async function addReaction(octokit: GitHubClient, params: AddReactionParams): Promise<void> {
  await callGitHub(`react ${params.content} to comment ${params.comment_id} on ${params.owner}/${params.repo}`, () =>
    octokit.rest.reactions.createForIssueComment({
      owner: params.owner,
      repo: params.repo,
      comment_id: params.comment_id,
      content: params.content,
    }),
  );
}
