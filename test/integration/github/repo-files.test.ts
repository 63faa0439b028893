import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readRepoFiles } from '../../../src/github/repo-files.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
beforeAll(async () => {
  double = await startGitHubDouble();
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => double.clearRequests());

const limits = { maxFileBytes: 64 * 1024, maxFiles: 1000 };

describe('readRepoFiles', () => {
  it('500 specs › reads them all with one API call (plus the download it redirects to)', async () => {
    const files: Record<string, string> = { 'README.md': 'not a spec', 'src/app.ts': 'x' };
    for (let i = 0; i < 500; i++) files[`infra-specs/team-${i % 7}/spec-${i}.yaml`] = `metadata:\n  name: spec-${i}\n`;
    files['.github/infra.yml'] = 'specsDir: infra-specs\n';
    const sha = double.addRepo({ owner: 'acme', repo: 'many', files });
    double.clearRequests();

    const result = await readRepoFiles(testOctokit(double), {
      owner: 'acme',
      repo: 'many',
      ref: sha,
      prefixes: ['infra-specs/', '.github/infra.yml'],
      ...limits,
    });

    expect(result.files).toHaveLength(501);
    expect(result.skipped).toEqual([]);
    expect(result.files.find((f) => f.path === 'infra-specs/team-3/spec-3.yaml')?.content).toBe(
      'metadata:\n  name: spec-3\n',
    );
    expect(result.files.find((f) => f.path === '.github/infra.yml')?.content).toBe('specsDir: infra-specs\n');
    expect(result.files.some((f) => f.path === 'README.md')).toBe(false);
    expect(double.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, '<sha>')} ${r.status}`)).toEqual([
      'GET /api/v3/repos/acme/many/tarball/<sha> 302',
      'GET /_codeload/acme/many/legacy.tar.gz/<sha> 200',
    ]);
  });

  it('reads the files as of the requested commit, not the branch tip', async () => {
    const first = double.addRepo({ owner: 'acme', repo: 'history', files: { 'infra-specs/a.yaml': 'v1' } });
    double.commit('acme', 'history', 'main', { 'infra-specs/a.yaml': 'v2', 'infra-specs/b.yaml': 'new' });
    const result = await readRepoFiles(testOctokit(double), {
      owner: 'acme',
      repo: 'history',
      ref: first,
      prefixes: ['infra-specs/'],
      ...limits,
    });
    expect(result.files).toEqual([{ path: 'infra-specs/a.yaml', content: 'v1' }]);
  });

  it('oversized and non-UTF-8 files › are reported as skipped with the reason, never silently dropped', async () => {
    const sha = double.addRepo({
      owner: 'acme',
      repo: 'odd',
      files: {
        'infra-specs/ok.yaml': 'ok',
        'infra-specs/huge.yaml': 'x'.repeat(2000),
        // "café" in Latin-1: not valid UTF-8
        'infra-specs/latin1.yaml': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      },
    });

    const result = await readRepoFiles(testOctokit(double), {
      owner: 'acme',
      repo: 'odd',
      ref: sha,
      prefixes: ['infra-specs/'],
      maxFileBytes: 1000,
      maxFiles: 10,
    });
    expect(result.files).toEqual([{ path: 'infra-specs/ok.yaml', content: 'ok' }]);
    expect(result.skipped).toEqual([
      { path: 'infra-specs/huge.yaml', reason: 'too_large', detail: '2000 bytes, limit 1000' },
      { path: 'infra-specs/latin1.yaml', reason: 'not_utf8', detail: 'content is not valid UTF-8' },
    ]);
  });

  it('more matching files than allowed › fails with too_many_files instead of cutting the list', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 11; i++) files[`infra-specs/${i}.yaml`] = 'x';
    const sha = double.addRepo({ owner: 'acme', repo: 'crowded', files });
    await expect(
      readRepoFiles(testOctokit(double), {
        owner: 'acme',
        repo: 'crowded',
        ref: sha,
        prefixes: ['infra-specs/'],
        maxFileBytes: 100,
        maxFiles: 10,
      }),
    ).rejects.toMatchObject({ name: 'GitHubGatewayError', code: 'too_many_files' });
  });

  it('unknown ref › fails with not_found', async () => {
    double.addRepo({ owner: 'acme', repo: 'noref', files: {} });
    await expect(
      readRepoFiles(testOctokit(double), {
        owner: 'acme',
        repo: 'noref',
        ref: 'no-such-branch',
        prefixes: ['infra-specs/'],
        ...limits,
      }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('a download that fails after the redirect › surfaces as a gateway error', async () => {
    const sha = double.addRepo({ owner: 'acme', repo: 'flaky', files: { 'infra-specs/a.yaml': 'a' } });
    double.failNext({ pathPattern: '/_codeload/acme/flaky', status: 404 });
    await expect(
      readRepoFiles(testOctokit(double), {
        owner: 'acme',
        repo: 'flaky',
        ref: sha,
        prefixes: ['infra-specs/'],
        ...limits,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
