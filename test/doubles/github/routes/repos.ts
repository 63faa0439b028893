import { randomBytes } from 'node:crypto';
import { HttpError, notFound, repoKey, type RepoRecord } from '../model.js';
import type { RouteRequest, Router } from '../router.js';
import { repoJson, userJson } from '../serialize.js';
import type { GitHubState } from '../state.js';
import { writeTarGz, type TarWriterEntry } from '../tar-writer.js';

const ROLE_TO_PERMISSION = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/** Repository, contents (JSON or raw), tarball (302 to a one-time download), branches, commits, compare, permissions. */
export function repoRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';

  router.add('GET', R, (req) => ({ json: repoJson(state, repoOf(req)) }));

  router.add('GET', `${R}/contents/*path`, (req) => {
    const repo = repoOf(req);
    const sha = state.resolveCommit(repo, req.query.get('ref') ?? undefined);
    const path = req.params.path!.replace(/\/+$/, '');
    const files = repo.git.filesAt(sha);
    const file = files.get(path);
    const raw = /\.raw/.test(String(req.headers.accept ?? ''));
    if (file !== undefined) {
      const content = repo.git.blobs.get(file.sha)!;
      if (raw) return { raw: content, contentType: 'text/plain; charset=utf-8' };
      return {
        json: {
          type: 'file',
          encoding: 'base64',
          size: content.length,
          name: path.split('/').pop(),
          path,
          sha: file.sha,
          content: content.toString('base64'),
        },
      };
    }
    const prefix = path === '' ? '' : `${path}/`;
    const children = new Map<string, 'file' | 'dir'>();
    for (const p of files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      children.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'dir');
    }
    if (children.size === 0) throw notFound();
    return { json: [...children].map(([name, type]) => ({ type, name, path: `${prefix}${name}` })) };
  });

  const tarball = (req: RouteRequest) => {
    const repo = repoOf(req);
    const sha = state.resolveCommit(repo, req.params.ref);
    const token = randomBytes(12).toString('hex');
    state.downloads.set(token, { repoKey: repoKey(repo.owner, repo.name), sha, expiresAt: Date.now() + 300_000 });
    const location = `${state.url}/_codeload/${repo.owner}/${repo.name}/legacy.tar.gz/${sha}?token=${token}`;
    return { status: 302, headers: { location }, raw: '' };
  };
  router.add('GET', `${R}/tarball`, tarball);
  router.add('GET', `${R}/tarball/*ref`, tarball);

  router.add(
    'GET',
    '/_codeload/:owner/:repo/legacy.tar.gz/:sha',
    (req) => {
      const grant = state.downloads.get(req.query.get('token') ?? '');
      if (grant === undefined || grant.expiresAt < Date.now() || grant.sha !== req.params.sha) throw notFound();
      const repo = repoOf(req);
      const top = `${repo.owner}-${repo.name}-${grant.sha.slice(0, 7)}`;
      const entries: TarWriterEntry[] = [{ path: `${top}/`, type: 'directory' }];
      const dirs = new Set<string>();
      for (const [path, blob] of [...repo.git.filesAt(grant.sha)].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const parts = path.split('/');
        for (let i = 1; i < parts.length; i++) {
          const dir = parts.slice(0, i).join('/');
          if (!dirs.has(dir)) entries.push({ path: `${top}/${dir}/`, type: 'directory' });
          dirs.add(dir);
        }
        entries.push({ path: `${top}/${path}`, content: repo.git.blobs.get(blob.sha)! });
      }
      const body = writeTarGz(entries, { globalComment: grant.sha });
      return {
        raw: body,
        contentType: 'application/x-gzip',
        headers: { 'content-disposition': `attachment; filename=${top}.tar.gz` },
      };
    },
    'none',
  );

  const branchJson = (repo: RepoRecord, name: string) => {
    const sha = state.branchSha(repo, name);
    if (sha === undefined) throw new HttpError(404, 'Branch not found');
    return {
      name,
      commit: { sha, url: `${state.url}/api/v3/repos/${repo.owner}/${repo.name}/commits/${sha}` },
      protected: false,
    };
  };
  router.add('GET', `${R}/branches`, (req) => {
    const repo = repoOf(req);
    const names = [...repo.refs.keys()].filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice(11));
    return { json: names.sort().map((name) => branchJson(repo, name)) };
  });
  router.add('GET', `${R}/branches/*branch`, (req) => ({ json: branchJson(repoOf(req), req.params.branch!) }));

  router.add('GET', `${R}/commits/:ref`, (req) => {
    const repo = repoOf(req);
    const commit = repo.git.commits.get(state.resolveCommit(repo, req.params.ref))!;
    return {
      json: {
        sha: commit.sha,
        commit: {
          message: commit.message,
          tree: { sha: commit.tree },
          author: commit.author,
          committer: commit.author,
        },
        parents: commit.parents.map((sha) => ({ sha })),
      },
    };
  });

  // `base...head` (three dots): GitHub's merge base is the best common ancestor; only the fields the app reads,
  // plus the counts. A ref without a common history is a 404, as GitHub answers.
  router.add('GET', `${R}/compare/*basehead`, (req) => {
    const repo = repoOf(req);
    const [baseRef, headRef, extra] = req.params.basehead!.split('...');
    if (baseRef === undefined || headRef === undefined || extra !== undefined) throw notFound();
    const base = state.resolveCommit(repo, baseRef);
    const head = state.resolveCommit(repo, headRef);
    const mergeBase = repo.git.mergeBase(base, head);
    if (mergeBase === undefined) throw notFound();
    const onlyIn = (sha: string, other: string) => {
      const excluded = new Set(repo.git.ancestors(other));
      return repo.git.ancestors(sha).filter((ancestor) => !excluded.has(ancestor));
    };
    const ahead = onlyIn(head, base).length;
    const behind = onlyIn(base, head).length;
    const commitJson = (sha: string) => ({ sha, parents: repo.git.commits.get(sha)!.parents.map((p) => ({ sha: p })) });
    return {
      json: {
        status: ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical',
        ahead_by: ahead,
        behind_by: behind,
        total_commits: ahead,
        base_commit: commitJson(base),
        merge_base_commit: commitJson(mergeBase),
        commits: [],
        files: repo.git.diff(repo.git.commits.get(mergeBase)!.tree, repo.git.commits.get(head)!.tree),
      },
    };
  });

  router.add('GET', `${R}/collaborators/:username/permission`, (req) => {
    const repo = repoOf(req);
    const entry = [...repo.collaborators].find(([login]) => login.toLowerCase() === req.params.username!.toLowerCase());
    if (entry === undefined) throw notFound();
    const [login, role] = entry;
    return {
      json: { permission: ROLE_TO_PERMISSION[role], role_name: role, user: userJson(state, { login, type: 'User' }) },
    };
  });
}
