// Where failure reports go on GitHub: a comment on the PR or issue a job came from (once per problem for config and
// permission problems), or, for work with no PR (expiry, drift), a tracking issue per problem that gets at most one
// comment a day. The "once" and "today" marks are kept with the store's comment ids, so replicas agree.
import { reply } from '../github/comments.js';
import { statusOf } from '../github/errors.js';
import { createIssue, getIssue } from '../github/issues.js';
import type { Deps } from './services.js';

export type ProblemNoticeDeps = Deps<'github' | 'clock', 'getCommentIds' | 'saveCommentIds'>;

export interface IssueTarget {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
}

const DAY_MS = 86_400_000;
/** Comment ids of a repo-wide problem (no PR) are filed under this issue number. */
const NO_ISSUE = 0;

const repoOf = (target: { owner: string; repo: string }) => `${target.owner}/${target.repo}`;

/** A comment on the PR or issue. With `oncePer`, only the first report of that problem is posted; true when posted. */
export async function commentOnProblem(
  services: ProblemNoticeDeps,
  target: IssueTarget,
  body: string,
  oncePer?: string,
): Promise<boolean> {
  const repo = repoOf(target);
  const purpose = oncePer && `problem:${oncePer}`;
  if (purpose && (await services.store.getCommentIds({ repo, issue: target.number, purpose }))) return false;
  const octokit = await services.github(target.installationId);
  const id = await reply(octokit, { owner: target.owner, repo: target.repo, issue_number: target.number, body });
  if (purpose) await services.store.saveCommentIds({ repo, issue: target.number, purpose, ids: [id] });
  return true;
}

/**
 * A problem that keeps happening with no PR to tell (a destroy at a deadline that keeps failing): one open issue per
 * `key`, opened on the first report, then one comment a day while it lasts. Returns the issue number when something
 * was posted today, undefined when today's report was already made.
 */
export async function reportOnProblemIssue(
  services: ProblemNoticeDeps,
  target: { installationId: number; owner: string; repo: string },
  input: {
    key: string;
    title: string;
    body: string;
    /** false: the opening only, no daily comments. */ daily?: boolean;
  },
): Promise<number | undefined> {
  const repo = repoOf(target);
  const octokit = await services.github(target.installationId);
  const issuePurpose = `problem-issue:${input.key}`;
  let issue = (await services.store.getCommentIds({ repo, issue: NO_ISSUE, purpose: issuePurpose }))?.[0];
  if (issue !== undefined) {
    const number = issue;
    const state = await getIssue(octokit, { owner: target.owner, repo: target.repo, issue_number: number })
      .then((found) => found.state)
      .catch((error: unknown) => {
        if (statusOf(error) === 404 || statusOf(error) === 410) return 'gone';
        throw error;
      });
    // Someone closed (or deleted) it while the problem goes on: a fresh issue rather than a comment nobody watches.
    if (state !== 'open') issue = undefined;
  }
  const today = `problem-day:${input.key}:${Math.floor(services.clock.now().getTime() / DAY_MS)}`;
  if (issue === undefined) {
    const data = await createIssue(octokit, {
      owner: target.owner,
      repo: target.repo,
      title: input.title,
      body: input.body,
    });
    await services.store.saveCommentIds({ repo, issue: NO_ISSUE, purpose: issuePurpose, ids: [data.number] });
    await services.store.saveCommentIds({ repo, issue: data.number, purpose: today, ids: [data.id] });
    return data.number;
  }
  if (input.daily === false || (await services.store.getCommentIds({ repo, issue, purpose: today }))) return undefined;
  const id = await reply(octokit, { owner: target.owner, repo: target.repo, issue_number: issue, body: input.body });
  await services.store.saveCommentIds({ repo, issue, purpose: today, ids: [id] });
  return issue;
}
