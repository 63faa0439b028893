import { markerLine, upsertMarkedComments } from '../github/comments.js';
import type { GitHubClient } from '../github/octokit.js';
import { renderPlanComment } from '../plan/render-plan-comment.js';
import type { PlanCommentInput } from '../plan/render-plan-comment.js';
import { GITHUB_COMMENT_LIMIT } from '../plan/render-plan-comment.js';
import { fullName } from './job-kinds.js';
import type { Deps } from './services.js';

export type PlanCommentDeps = Deps<never, 'getCommentIds' | 'saveCommentIds'>;

const SERIES = 'plan';
/** Characters per plan comment body: GitHub's limit less our series marker line. */
export const PLAN_COMMENT_ROOM = GITHUB_COMMENT_LIMIT - markerLine(SERIES, 99).length - 1;

/** The ONE plan comment of a PR (split in parts when long), edited in place; its ids are kept in the store. */
export async function upsertPlanComment(
  services: PlanCommentDeps,
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  pr: number,
  content: PlanCommentInput | string[],
): Promise<number[]> {
  const parts = Array.isArray(content) ? content : renderPlanComment({ ...content, maxLength: PLAN_COMMENT_ROOM });
  const repo = fullName(target);
  const knownIds = await services.store.getCommentIds({ repo, issue: pr, purpose: SERIES });
  const ids = await upsertMarkedComments(octokit, {
    ...target,
    issue_number: pr,
    marker: SERIES,
    parts,
    ...(knownIds && { knownIds }),
  });
  await services.store.saveCommentIds({ repo, issue: pr, purpose: SERIES, ids });
  return ids;
}
