import type { FlatTree } from '../git-store.js';
import { HttpError, notFound, validationFailed, type RepoRecord } from '../model.js';
import { bodyObject, type RouteRequest, type Router } from '../router.js';
import type { GitHubState } from '../state.js';

const fullRef = (ref: string): string => (ref.startsWith('refs/') ? ref : `refs/${ref}`);

/** Git Data API: refs (create never overwrites, update refuses non fast-forwards), blobs, trees, commits. */
export function gitRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const G = '/api/v3/repos/:owner/:repo/git';
  const refJson = (repo: RepoRecord, ref: string, sha: string) => ({
    ref,
    node_id: `REF_${ref}`,
    url: `${state.url}/api/v3/repos/${repo.owner}/${repo.name}/git/${ref}`,
    object: { sha, type: 'commit', url: `${state.url}/api/v3/repos/${repo.owner}/${repo.name}/git/commits/${sha}` },
  });
  const commitJson = (repo: RepoRecord, sha: string) => {
    const c = repo.git.commits.get(sha);
    if (c === undefined) throw notFound();
    return {
      sha,
      message: c.message,
      tree: { sha: c.tree },
      parents: c.parents.map((p) => ({ sha: p })),
      author: c.author,
      committer: c.author,
    };
  };

  router.add('GET', `${G}/ref/*ref`, (req) => {
    const repo = repoOf(req);
    const ref = fullRef(req.params.ref!);
    const sha = repo.refs.get(ref);
    if (sha === undefined) throw notFound();
    return { json: refJson(repo, ref, sha) };
  });
  router.add('GET', `${G}/matching-refs/*ref`, (req) => {
    const repo = repoOf(req);
    const prefix = fullRef(req.params.ref!);
    return { json: [...repo.refs].filter(([r]) => r.startsWith(prefix)).map(([r, sha]) => refJson(repo, r, sha)) };
  });
  router.add('POST', `${G}/refs`, (req) => {
    const repo = repoOf(req);
    const { ref, sha } = bodyObject(req);
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) throw new HttpError(422, 'Reference name is invalid');
    if (typeof sha !== 'string' || !repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
    if (repo.refs.has(ref)) throw new HttpError(422, 'Reference already exists');
    repo.refs.set(ref, sha);
    return { status: 201, json: refJson(repo, ref, sha) };
  });
  router.add('PATCH', `${G}/refs/*ref`, (req) => {
    const repo = repoOf(req);
    const ref = fullRef(req.params.ref!);
    const current = repo.refs.get(ref);
    if (current === undefined) throw new HttpError(422, 'Reference does not exist');
    const { sha, force } = bodyObject(req);
    if (typeof sha !== 'string' || !repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
    if (force !== true && !repo.git.isAncestor(current, sha)) throw new HttpError(422, 'Update is not a fast forward');
    repo.refs.set(ref, sha);
    return { json: refJson(repo, ref, sha) };
  });
  router.add('DELETE', `${G}/refs/*ref`, (req) => {
    const repo = repoOf(req);
    if (!repo.refs.delete(fullRef(req.params.ref!))) throw new HttpError(422, 'Reference does not exist');
    return { status: 204 };
  });

  router.add('POST', `${G}/blobs`, (req) => {
    const { content, encoding } = bodyObject(req);
    if (typeof content !== 'string')
      throw validationFailed({ resource: 'Blob', code: 'missing_field', field: 'content' });
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'base64')
      throw validationFailed({ resource: 'Blob', code: 'invalid', field: 'encoding' });
    const sha = repoOf(req).git.putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
    return {
      status: 201,
      json: { sha, url: `${state.url}/api/v3/repos/${req.params.owner}/${req.params.repo}/git/blobs/${sha}` },
    };
  });
  router.add('GET', `${G}/blobs/:sha`, (req) => {
    const blob = repoOf(req).git.blobs.get(req.params.sha!);
    if (blob === undefined) throw notFound();
    return { json: { sha: req.params.sha, size: blob.length, encoding: 'base64', content: blob.toString('base64') } };
  });

  router.add('POST', `${G}/trees`, (req) => {
    const repo = repoOf(req);
    const { base_tree: baseTree, tree } = bodyObject(req);
    if (!Array.isArray(tree)) throw validationFailed({ resource: 'Tree', code: 'missing_field', field: 'tree' });
    if (baseTree !== undefined && (typeof baseTree !== 'string' || !repo.git.trees.has(baseTree)))
      throw new HttpError(422, 'base_tree is not a valid tree');
    const flat: FlatTree = typeof baseTree === 'string' ? repo.git.flatten(baseTree) : new Map();
    for (const entry of tree as Array<Record<string, unknown>>) {
      const path = String(entry.path ?? '');
      if (path === '' || path.startsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
        throw new HttpError(422, `tree.path contains a malformed path component`);
      }
      if (entry.type !== 'blob') throw new HttpError(422, 'Only blob entries are supported by this double');
      if (entry.sha === null) {
        if (!flat.delete(path)) throw new HttpError(422, `GitRPC::BadObjectState: ${path} does not exist in base_tree`);
      } else if (typeof entry.content === 'string') {
        flat.set(path, { sha: repo.git.putBlob(entry.content), mode: String(entry.mode ?? '100644') });
      } else if (typeof entry.sha === 'string' && repo.git.blobs.has(entry.sha)) {
        flat.set(path, { sha: entry.sha, mode: String(entry.mode ?? '100644') });
      } else throw new HttpError(422, `tree.sha ${String(entry.sha)} is not a valid blob`);
    }
    const sha = repo.git.putFlatTree(flat);
    return {
      status: 201,
      json: {
        sha,
        tree: [...flat].map(([path, b]) => ({ path, mode: b.mode, type: 'blob', sha: b.sha })),
        truncated: false,
      },
    };
  });
  router.add('GET', `${G}/trees/*sha`, (req) => {
    const repo = repoOf(req);
    const sha = req.params.sha!;
    // GitHub takes a tree id or anything naming a commit (a branch, a commit id)
    const treeSha = repo.git.trees.has(sha) ? sha : repo.git.commits.get(state.resolveCommit(repo, sha))!.tree;
    const entries =
      req.query.get('recursive') !== null
        ? [...repo.git.flatten(treeSha)].map(([path, b]) => ({ path, mode: b.mode, type: 'blob', sha: b.sha }))
        : [...repo.git.trees.get(treeSha)!].map(([path, e]) => ({ path, mode: e.mode, type: e.type, sha: e.sha }));
    return { json: { sha: treeSha, tree: entries, truncated: false } };
  });

  router.add('POST', `${G}/commits`, (req) => {
    const repo = repoOf(req);
    const { message, tree, parents, author } = bodyObject(req);
    if (typeof message !== 'string')
      throw validationFailed({ resource: 'Commit', code: 'missing_field', field: 'message' });
    if (typeof tree !== 'string' || !repo.git.trees.has(tree)) throw new HttpError(422, 'Tree SHA does not exist');
    const parentList = Array.isArray(parents) ? parents.map(String) : [];
    if (parentList.some((p) => !repo.git.commits.has(p)))
      throw new HttpError(422, 'Parent SHA does not exist or is not a commit object');
    const who = (author ?? {}) as { name?: string; email?: string; date?: string };
    const sha = repo.git.putCommit({
      tree,
      parents: parentList,
      message,
      author: {
        name: who.name ?? 'infra-bot[bot]',
        email: who.email ?? 'infra-bot[bot]@users.noreply.github.com',
        date: who.date ?? state.now(),
      },
    });
    return { status: 201, json: commitJson(repo, sha) };
  });
  router.add('GET', `${G}/commits/:sha`, (req) => ({ json: commitJson(repoOf(req), req.params.sha!) }));
}
