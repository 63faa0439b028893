import { repoKey, validationFailed, type RepoRecord, type StatusRecord } from '../model.js';
import { bodyObject, paginate, type RouteRequest, type Router } from '../router.js';
import { statusJson } from '../serialize.js';
import type { GitHubState } from '../state.js';

const STATES = ['error', 'failure', 'pending', 'success'];

/** Commit statuses: create (GitHub's 140-character description limit enforced), combined status, list. */
export function statusRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';
  const forCommit = (repo: RepoRecord, sha: string): StatusRecord[] =>
    state.statusRecords.filter((s) => s.repoKey === repoKey(repo.owner, repo.name) && s.sha === sha).reverse();

  router.add('POST', `${R}/statuses/:sha`, (req) => {
    const repo = repoOf(req);
    const sha = req.params.sha!;
    if (!repo.git.commits.has(sha))
      throw validationFailed({
        resource: 'Status',
        code: 'invalid',
        field: 'sha',
        message: `No commit found for SHA: ${sha}`,
      });
    const input = bodyObject(req);
    if (!STATES.includes(String(input.state)))
      throw validationFailed({ resource: 'Status', code: 'invalid', field: 'state' });
    if (typeof input.description === 'string' && input.description.length > 140) {
      throw validationFailed({
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: 'description is too long (maximum is 140 characters)',
      });
    }
    const status: StatusRecord = {
      id: state.nextId(),
      repoKey: repoKey(repo.owner, repo.name),
      sha,
      state: input.state as StatusRecord['state'],
      context: typeof input.context === 'string' ? input.context : 'default',
      description: typeof input.description === 'string' ? input.description : null,
      targetUrl: typeof input.target_url === 'string' ? input.target_url : null,
      createdAt: state.now(),
      creator: state.bot(),
    };
    state.statusRecords.push(status);
    return { status: 201, json: statusJson(state, status) };
  });

  router.add('GET', `${R}/commits/:ref/statuses`, (req) => {
    const repo = repoOf(req);
    return paginate(
      req,
      state.url,
      forCommit(repo, state.resolveCommit(repo, req.params.ref)).map((s) => statusJson(state, s)),
    );
  });

  router.add('GET', `${R}/commits/:ref/status`, (req) => {
    const repo = repoOf(req);
    const sha = state.resolveCommit(repo, req.params.ref);
    const latest = new Map<string, StatusRecord>();
    for (const s of forCommit(repo, sha)) if (!latest.has(s.context)) latest.set(s.context, s);
    const list = [...latest.values()];
    const combined = list.some((s) => s.state === 'error' || s.state === 'failure')
      ? 'failure'
      : list.length === 0 || list.some((s) => s.state === 'pending')
        ? 'pending'
        : 'success';
    return {
      json: { state: combined, sha, total_count: list.length, statuses: list.map((s) => statusJson(state, s)) },
    };
  });
}
