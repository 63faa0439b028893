import { HttpError, repoKey, validationFailed, type IssueRecord, type RepoRecord } from '../model.js';
import { bodyObject, paginate, type RouteRequest, type Router } from '../router.js';
import { pullJson } from '../serialize.js';
import type { GitHubState } from '../state.js';
import { mergePull, openPull } from '../verbs.js';

/** Pull requests: list (filters + pages), get, create, update, files (with renames), merge. */
export function pullRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';
  const pullsOf = (repo: RepoRecord): IssueRecord[] =>
    [...state.issues.get(repoKey(repo.owner, repo.name))!.values()].filter((i) => i.pull !== undefined);

  router.add('GET', `${R}/pulls`, (req) => {
    const repo = repoOf(req);
    const wanted = req.query.get('state') ?? 'open';
    const head = req.query.get('head');
    const base = req.query.get('base');
    let list = pullsOf(repo).filter((p) => wanted === 'all' || p.state === wanted);
    if (head !== null)
      list = list.filter(
        (p) => `${repo.owner}:${p.pull!.head}`.toLowerCase() === head.toLowerCase() || p.pull!.head === head,
      );
    if (base !== null) list = list.filter((p) => p.pull!.base === base);
    list.sort((a, b) => a.number - b.number);
    // GitHub: newest first unless asked otherwise (asc is the default only for sorts other than "created")
    const sort = req.query.get('sort') ?? 'created';
    if ((req.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'desc') list.reverse();
    return paginate(
      req,
      state.url,
      list.map((p) => pullJson(state, repo, p)),
    );
  });

  router.add('GET', `${R}/pulls/:number`, (req) => {
    const repo = repoOf(req);
    return { json: pullJson(state, repo, state.pull(repo, Number(req.params.number))) };
  });

  router.add('POST', `${R}/pulls`, (req) => {
    const repo = repoOf(req);
    const input = bodyObject(req);
    for (const field of ['head', 'base', 'title']) {
      if (typeof input[field] !== 'string' || input[field] === '') {
        throw validationFailed({ resource: 'PullRequest', code: 'missing_field', field });
      }
    }
    const head = String(input.head).replace(new RegExp(`^${repo.owner}:`, 'i'), '');
    const number = openPull(state, {
      owner: repo.owner,
      repo: repo.name,
      head,
      base: String(input.base),
      title: String(input.title),
      body: typeof input.body === 'string' ? input.body : '',
      draft: input.draft === true,
      user: state.bot(),
    });
    return { status: 201, json: pullJson(state, repo, state.pull(repo, number)) };
  });

  router.add('PATCH', `${R}/pulls/:number`, (req) => {
    const repo = repoOf(req);
    const pull = state.pull(repo, Number(req.params.number));
    const input = bodyObject(req);
    if (typeof input.title === 'string') pull.title = input.title;
    if (typeof input.body === 'string') pull.body = input.body;
    if (typeof input.base === 'string') {
      if (state.branchSha(repo, input.base) === undefined)
        throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'base' });
      pull.pull.base = input.base;
    }
    if (input.state === 'closed' && pull.state === 'open') {
      const shas = state.pullShas(repo, pull);
      pull.state = 'closed';
      pull.pull.closedHeadSha = shas.head;
      pull.pull.closedBaseSha = shas.base;
    } else if (input.state === 'open' && pull.state === 'closed' && !pull.pull.merged) {
      pull.state = 'open';
      pull.pull.closedHeadSha = null;
      pull.pull.closedBaseSha = null;
    }
    return { json: pullJson(state, repo, pull) };
  });

  router.add('GET', `${R}/pulls/:number/files`, (req) => {
    const repo = repoOf(req);
    const pull = state.pull(repo, Number(req.params.number));
    const shas = state.pullShas(repo, pull);
    const base = repo.git.mergeBase(shas.base, shas.head) ?? shas.base;
    const changes = repo.git.diff(repo.git.commits.get(base)!.tree, repo.git.commits.get(shas.head)!.tree);
    // GitHub stops listing at 3000 files
    const files = changes.slice(0, 3000).map((c) => ({
      ...c,
      changes: c.additions + c.deletions,
      blob_url: `${state.url}/${repo.owner}/${repo.name}/blob/${shas.head}/${c.filename}`,
      raw_url: `${state.url}/${repo.owner}/${repo.name}/raw/${shas.head}/${c.filename}`,
      contents_url: `${state.url}/api/v3/repos/${repo.owner}/${repo.name}/contents/${c.filename}?ref=${shas.head}`,
    }));
    return paginate(req, state.url, files);
  });

  router.add('PUT', `${R}/pulls/:number/merge`, (req) => {
    const repo = repoOf(req);
    const pull = state.pull(repo, Number(req.params.number));
    const input = bodyObject(req);
    if (pull.state !== 'open') throw new HttpError(405, 'Pull Request is not mergeable');
    if (typeof input.sha === 'string' && input.sha !== state.pullShas(repo, pull).head) {
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    }
    const method = input.merge_method === 'squash' ? 'squash' : 'merge';
    const sha = mergePull(state, { owner: repo.owner, repo: repo.name, number: pull.number, method });
    return { json: { sha, merged: true, message: 'Pull Request successfully merged' } };
  });
}
