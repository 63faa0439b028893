import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compareWithBase } from '../../../src/github/compare.js';
import type { GitHubClient } from '../../../src/github/octokit.js';
import { includesBaseNote, mergeConflictMessage, mergeWithBase } from '../../../src/workflow/merge-with-base.js';
import { readRepositoryAt } from '../../../src/workflow/read-repository-at.js';
import type { GitHubDouble } from '../../doubles/github/double.js';
import { startGitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

const OWNER = 'acme';
const target = { owner: OWNER, repo: 'infra' };
let repoCount = 0;
const bucket = (name: string, versioning = true) =>
  `apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: ${name}\n  owner: "@alice"\nspec:\n  region: eu-west-1\n  versioning: ${versioning}\n`;

describe('mergeWithBase (against the GitHub double)', () => {
  let github: GitHubDouble;
  let octokit: GitHubClient;
  beforeAll(async () => {
    github = await startGitHubDouble();
    octokit = testOctokit(github) as unknown as GitHubClient;
  });
  afterAll(async () => github?.close());

  /** A fresh repository with a.yaml on main; the PR branch is created from that commit. */
  function repository(prFiles: Record<string, string | null>, laterOnMain: Record<string, string | null>) {
    const repo = `infra${++repoCount}`;
    github.addRepo({
      owner: OWNER,
      repo,
      files: { '.github/infra.yml': 'specsDir: specs\n', 'specs/a.yaml': bucket('a') },
    });
    const headSha = github.commit(OWNER, repo, 'feature', prFiles);
    if (Object.keys(laterOnMain).length > 0) github.commit(OWNER, repo, 'main', laterOnMain);
    return { ...target, repo, headSha };
  }
  const tarballs = (repo: string) =>
    github.requests.filter((r) => r.path.startsWith(`/api/v3/repos/${OWNER}/${repo}/tarball`)).length;

  async function merge(at: ReturnType<typeof repository>) {
    const position = await compareWithBase(octokit, { ...at, baseRef: 'main', headSha: at.headSha });
    const base = await readRepositoryAt(octokit, at, position.baseSha);
    const head = await readRepositoryAt(octokit, at, at.headSha, { specsDir: base.specsDir });
    return { position, result: await mergeWithBase(octokit, at, { base, head, mergeBaseSha: position.mergeBaseSha }) };
  }

  it('up to date with its base › the head as it is, no merge base downloaded', async () => {
    const at = repository({ 'specs/b.yaml': bucket('b') }, {});
    const { position, result } = await merge(at);
    expect(position.mergeBaseSha).toBe(position.baseSha);
    expect(result).toEqual({ ok: true, repository: expect.objectContaining({ sha: at.headSha }), changedOnBase: [] });
    expect(tarballs(at.repo)).toBe(2);
  });

  it('behind its base › the base gains kept, the PR changes on top; the merge base read once more', async () => {
    const at = repository({ 'specs/b.yaml': bucket('b') }, { 'specs/c.yaml': bucket('c'), 'specs/a.yaml': null });
    const { result } = await merge(at);
    if (!result.ok) throw new Error(`unexpected conflict in ${result.conflicts.join(', ')}`);
    expect(result.repository.sha).toBe(at.headSha);
    expect(result.repository.specFiles.map((file) => file.path)).toEqual(['specs/b.yaml', 'specs/c.yaml']);
    expect(result.changedOnBase).toEqual(['specs/a.yaml', 'specs/c.yaml']);
    expect(tarballs(at.repo)).toBe(3);
  });

  it('a head the base already contains › the merge is the base (nothing of it undone), no third download', async () => {
    const at = repository({ 'specs/b.yaml': bucket('b') }, {});
    github.setBranch(OWNER, at.repo, 'main', at.headSha);
    github.commit(OWNER, at.repo, 'main', { 'specs/c.yaml': bucket('c') });
    const { position, result } = await merge(at);
    expect(position.mergeBaseSha).toBe(at.headSha);
    if (!result.ok) throw new Error('unexpected conflict');
    expect(result.repository.specFiles.map((file) => file.path)).toEqual([
      'specs/a.yaml',
      'specs/b.yaml',
      'specs/c.yaml',
    ]);
    expect(result.changedOnBase).toEqual(['specs/c.yaml']);
    expect(tarballs(at.repo)).toBe(2);
  });

  it('a config changed on the base only › the merge has the base config', async () => {
    const config = 'specsDir: specs\napprovals:\n  required: 2\n';
    const at = repository({ 'specs/b.yaml': bucket('b') }, { '.github/infra.yml': config });
    const { result } = await merge(at);
    expect(result.ok && result.repository.configText).toBe(config);
    expect(result.ok && includesBaseNote(result.changedOnBase, 'main', 'abcdef0123')).toBe(
      'ℹ️ This plan includes the current base (abcdef0): 0 spec files (and `.github/infra.yml`) changed on `main` since this branch was created, planned as the merge would hold them.',
    );
  });

  it('the same spec changed differently on both sides › a conflict naming it', async () => {
    const at = repository({ 'specs/a.yaml': bucket('a', false) }, { 'specs/a.yaml': null });
    const { result } = await merge(at);
    expect(result).toEqual({ ok: false, conflicts: ['specs/a.yaml'] });
    const message = mergeConflictMessage(['specs/a.yaml'], 'main', 'abcdef0123');
    expect(message).toContain('conflicts with `main` (abcdef0)');
    expect(message).toContain('- `specs/a.yaml`');
    expect(message).toContain('Merge `main` into this branch (or rebase onto it)');
  });

  it('the compare call fails › a gateway error naming the comparison, nothing read', async () => {
    const at = repository({ 'specs/b.yaml': bucket('b') }, {});
    github.failNext({ method: 'GET', pathPattern: '/compare/', status: 404 });
    await expect(compareWithBase(octokit, { ...at, baseRef: 'main', headSha: at.headSha })).rejects.toThrow(
      `compare main...${at.headSha.slice(0, 7)} of ${OWNER}/${at.repo}`,
    );
    expect(tarballs(at.repo)).toBe(0);
  });
});
