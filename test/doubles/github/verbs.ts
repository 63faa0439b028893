import type { FlatTree } from './git-store.js';
import { HttpError, repoKey, validationFailed, type Actor } from './model.js';
import type { GitHubState } from './state.js';

/** State changes shared by the HTTP routes and the tests' direct API. */
export interface AddRepoInput {
  owner: string;
  repo: string;
  defaultBranch?: string;
  installationId?: number;
  private?: boolean;
  files?: Record<string, string | Buffer>;
}

export function addRepo(state: GitHubState, input: AddRepoInput): string {
  if (state.repos.has(repoKey(input.owner, input.repo))) throw new Error(`repo ${input.owner}/${input.repo} exists`);
  const repo = state.newRepo({
    owner: input.owner,
    repo: input.repo,
    defaultBranch: input.defaultBranch ?? 'main',
    installationId: input.installationId ?? 1,
    private: input.private ?? true,
  });
  const flat: FlatTree = new Map();
  for (const [path, content] of Object.entries(input.files ?? {}))
    flat.set(path, { sha: repo.git.putBlob(content), mode: '100644' });
  const sha = repo.git.putCommit({ tree: repo.git.putFlatTree(flat), parents: [], message: 'Initial commit' });
  repo.refs.set(`refs/heads/${repo.defaultBranch}`, sha);
  return sha;
}

/** Commits `files` (null deletes) on `branch`, creating the branch from the default branch when it is missing. */
export function commitFiles(
  state: GitHubState,
  input: {
    owner: string;
    repo: string;
    branch: string;
    files: Record<string, string | Buffer | null>;
    message: string;
  },
): string {
  const repo = state.repo(input.owner, input.repo);
  const parent = state.branchSha(repo, input.branch) ?? state.branchSha(repo, repo.defaultBranch)!;
  const flat = repo.git.filesAt(parent);
  for (const [path, content] of Object.entries(input.files)) {
    if (content === null) flat.delete(path);
    else flat.set(path, { sha: repo.git.putBlob(content), mode: '100644' });
  }
  const sha = repo.git.putCommit({ tree: repo.git.putFlatTree(flat), parents: [parent], message: input.message });
  repo.refs.set(`refs/heads/${input.branch}`, sha);
  return sha;
}

export interface OpenPullInput {
  owner: string;
  repo: string;
  head: string;
  base?: string;
  title: string;
  body?: string;
  draft?: boolean;
  user: Actor;
}

export function openPull(state: GitHubState, input: OpenPullInput): number {
  const repo = state.repo(input.owner, input.repo);
  const base = input.base ?? repo.defaultBranch;
  const headSha = state.branchSha(repo, input.head);
  if (headSha === undefined) throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'head' });
  const baseSha = state.branchSha(repo, base);
  if (baseSha === undefined) throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'base' });
  const issues = state.issues.get(repoKey(repo.owner, repo.name))!;
  const open = [...issues.values()].find(
    (i) => i.state === 'open' && i.pull?.head === input.head && i.pull.base === base,
  );
  if (open !== undefined) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `A pull request already exists for ${repo.owner}:${input.head}.`,
    });
  }
  if (repo.git.isAncestor(headSha, baseSha)) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `No commits between ${base} and ${input.head}`,
    });
  }
  const number = repo.nextNumber++;
  issues.set(number, {
    number,
    title: input.title,
    body: input.body ?? '',
    user: input.user,
    state: 'open',
    labels: [],
    createdAt: state.now(),
    pull: {
      head: input.head,
      base,
      draft: input.draft ?? false,
      merged: false,
      mergedAt: null,
      mergeCommitSha: null,
      closedHeadSha: null,
      closedBaseSha: null,
    },
  });
  return number;
}

/** Three-way merge of the pull request's changes onto its base; a conflicting path is a 405 like GitHub's. */
export function mergePull(
  state: GitHubState,
  input: { owner: string; repo: string; number: number; method?: 'merge' | 'squash' },
): string {
  const repo = state.repo(input.owner, input.repo);
  const pull = state.pull(repo, input.number);
  if (pull.state !== 'open') throw new HttpError(405, 'Pull Request is not mergeable');
  const { head, base } = state.pullShas(repo, pull);
  const ancestor = repo.git.mergeBase(base, head);
  const original = ancestor === undefined ? new Map() : repo.git.filesAt(ancestor);
  const ours = repo.git.filesAt(base);
  const theirs = repo.git.filesAt(head);
  const result: FlatTree = new Map(ours);
  for (const path of new Set([...original.keys(), ...theirs.keys()])) {
    const was = original.get(path)?.sha;
    const their = theirs.get(path)?.sha;
    if (was === their) continue;
    const our = ours.get(path)?.sha;
    if (our !== was && our !== their) throw new HttpError(405, `Merge conflict in ${path}`);
    if (their === undefined) result.delete(path);
    else result.set(path, theirs.get(path)!);
  }
  const message =
    input.method === 'squash'
      ? `${pull.title} (#${pull.number})`
      : `Merge pull request #${pull.number} from ${repo.owner}/${pull.pull.head}\n\n${pull.title}`;
  const parents = input.method === 'squash' ? [base] : [base, head];
  const sha = repo.git.putCommit({ tree: repo.git.putFlatTree(result), parents, message });
  repo.refs.set(`refs/heads/${pull.pull.base}`, sha);
  Object.assign(pull.pull, {
    merged: true,
    mergedAt: state.now(),
    mergeCommitSha: sha,
    closedHeadSha: head,
    closedBaseSha: base,
  });
  pull.state = 'closed';
  return sha;
}
