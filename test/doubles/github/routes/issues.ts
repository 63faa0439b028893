import {
  HttpError,
  notFound,
  repoKey,
  validationFailed,
  type Actor,
  type CommentRecord,
  type RepoRecord,
} from '../model.js';
import { bodyObject, paginate, type RouteRequest, type Router } from '../router.js';
import { commentJson, issueJson, userJson } from '../serialize.js';
import type { GitHubState } from '../state.js';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];
const MAX_BODY = 65_536;

/** Issues, issue comments (pull requests share them), comment reactions and labels. */
export function issueRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';
  const actor = (): Actor => state.bot();

  const commentOf = (req: RouteRequest): CommentRecord => {
    const repo = repoOf(req);
    const comment = state.commentRecords.get(Number(req.params.id));
    if (comment === undefined || comment.repoKey !== repoKey(repo.owner, repo.name)) throw notFound();
    return comment;
  };
  const checkBody = (body: unknown): string => {
    if (typeof body !== 'string' || body === '')
      throw validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    if (body.length > MAX_BODY) {
      throw validationFailed({
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)',
      });
    }
    return body;
  };

  router.add('GET', `${R}/issues/:number`, (req) => {
    const repo = repoOf(req);
    return { json: issueJson(state, repo, state.issue(repo, Number(req.params.number))) };
  });
  router.add('POST', `${R}/issues`, (req) => {
    const repo = repoOf(req);
    const input = bodyObject(req);
    if (typeof input.title !== 'string' || input.title === '')
      throw validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
    const number = repo.nextNumber++;
    const issue = {
      number,
      title: input.title,
      body: String(input.body ?? ''),
      user: actor(),
      state: 'open' as const,
      labels: Array.isArray(input.labels) ? input.labels.map(String) : [],
      createdAt: state.now(),
    };
    state.issues.get(repoKey(repo.owner, repo.name))!.set(number, issue);
    return { status: 201, json: issueJson(state, repo, issue) };
  });
  router.add('PATCH', `${R}/issues/:number`, (req) => {
    const repo = repoOf(req);
    const issue = state.issue(repo, Number(req.params.number));
    const input = bodyObject(req);
    if (typeof input.title === 'string') issue.title = input.title;
    if (typeof input.body === 'string') issue.body = input.body;
    if (input.state === 'open' || input.state === 'closed') issue.state = input.state;
    if (Array.isArray(input.labels)) issue.labels = input.labels.map(String);
    return { json: issueJson(state, repo, issue) };
  });

  router.add('GET', `${R}/issues/:number/comments`, (req) => {
    const repo = repoOf(req);
    const issue = state.issue(repo, Number(req.params.number));
    const key = repoKey(repo.owner, repo.name);
    const all = [...state.commentRecords.values()].filter((c) => c.repoKey === key && c.issueNumber === issue.number);
    return paginate(
      req,
      state.url,
      all.map((c) => commentJson(state, c)),
    );
  });
  router.add('POST', `${R}/issues/:number/comments`, (req) => {
    const repo = repoOf(req);
    const issue = state.issue(repo, Number(req.params.number));
    const body = checkBody(bodyObject(req).body);
    const now = state.now();
    const comment = {
      id: state.nextId(),
      repoKey: repoKey(repo.owner, repo.name),
      issueNumber: issue.number,
      body,
      user: actor(),
      createdAt: now,
      updatedAt: now,
    };
    state.commentRecords.set(comment.id, comment);
    return { status: 201, json: commentJson(state, comment) };
  });
  router.add('GET', `${R}/issues/comments/:id`, (req) => ({ json: commentJson(state, commentOf(req)) }));
  router.add('PATCH', `${R}/issues/comments/:id`, (req) => {
    const comment = commentOf(req);
    comment.body = checkBody(bodyObject(req).body);
    comment.updatedAt = state.now();
    return { json: commentJson(state, comment) };
  });
  router.add('DELETE', `${R}/issues/comments/:id`, (req) => {
    state.commentRecords.delete(commentOf(req).id);
    return { status: 204 };
  });

  router.add('GET', `${R}/issues/comments/:id/reactions`, (req) => {
    const comment = commentOf(req);
    const list = state.reactionRecords.filter((r) => r.commentId === comment.id);
    return paginate(
      req,
      state.url,
      list.map((r) => ({ id: r.id, content: r.content, user: userJson(state, r.user) })),
    );
  });
  router.add('POST', `${R}/issues/comments/:id/reactions`, (req) => {
    const comment = commentOf(req);
    const content = bodyObject(req).content;
    if (typeof content !== 'string' || !REACTIONS.includes(content)) {
      throw validationFailed({ resource: 'Reaction', code: 'invalid', field: 'content' });
    }
    const user = actor();
    const existing = state.reactionRecords.find(
      (r) => r.commentId === comment.id && r.content === content && r.user.login === user.login,
    );
    const reaction = existing ?? { id: state.nextId(), commentId: comment.id, content, user };
    if (existing === undefined) state.reactionRecords.push(reaction);
    return {
      status: existing === undefined ? 201 : 200,
      json: { id: reaction.id, content, user: userJson(state, user) },
    };
  });

  const labelsJson = (labels: string[]) => labels.map((name) => ({ name, color: 'ededed' }));
  router.add('GET', `${R}/issues/:number/labels`, (req) => ({
    json: labelsJson(state.issue(repoOf(req), Number(req.params.number)).labels),
  }));
  router.add('POST', `${R}/issues/:number/labels`, (req) => {
    const issue = state.issue(repoOf(req), Number(req.params.number));
    const input = req.body;
    const labels = Array.isArray(input) ? input : bodyObject(req).labels;
    if (!Array.isArray(labels)) throw validationFailed({ resource: 'Label', code: 'missing_field', field: 'labels' });
    for (const label of labels.map((l) =>
      typeof l === 'object' && l !== null ? String((l as { name?: unknown }).name) : String(l),
    )) {
      if (!issue.labels.includes(label)) issue.labels.push(label);
    }
    return { json: labelsJson(issue.labels) };
  });
  router.add('DELETE', `${R}/issues/:number/labels/:name`, (req) => {
    const issue = state.issue(repoOf(req), Number(req.params.number));
    if (!issue.labels.includes(req.params.name!)) throw new HttpError(404, 'Label does not exist');
    issue.labels = issue.labels.filter((l) => l !== req.params.name);
    return { json: labelsJson(issue.labels) };
  });
}
