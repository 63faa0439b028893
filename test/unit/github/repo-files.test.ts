import { describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../../src/github/octokit.js';
import { readRepoFiles } from '../../../src/github/repo-files.js';
import { writeTarGz } from '../../doubles/github/tar-writer.js';

// Only `request` is used by readRepoFiles; this stands in for GitHub returning the given archive bytes.
const serving = (data: Buffer): GitHubClient =>
  ({ request: async () => ({ status: 200, headers: {}, data }) }) as unknown as GitHubClient;
const params = {
  owner: 'acme',
  repo: 'infra',
  ref: 'abc',
  prefixes: ['infra-specs/'],
  maxFileBytes: 100,
  maxFiles: 10,
};

describe('readRepoFiles archive handling', () => {
  it('strips the top folder and reports links under the prefixes instead of following them', async () => {
    const archive = writeTarGz([
      { path: 'acme-infra-abc/', type: 'directory' },
      { path: 'acme-infra-abc/infra-specs/', type: 'directory' },
      { path: 'acme-infra-abc/infra-specs/a.yaml', content: 'a' },
      { path: 'acme-infra-abc/infra-specs/link.yaml', type: 'symlink', linkName: '/etc/passwd' },
    ]);
    await expect(readRepoFiles(serving(archive), params)).resolves.toEqual({
      files: [{ path: 'infra-specs/a.yaml', content: 'a' }],
      skipped: [{ path: 'infra-specs/link.yaml', reason: 'not_a_file', detail: 'symlink not read' }],
    });
  });

  it('paths with .. segments › are reported, never read', async () => {
    const archive = writeTarGz([{ path: 'top/infra-specs/../../x.yaml', content: 'x' }]);
    await expect(readRepoFiles(serving(archive), params)).resolves.toMatchObject({
      files: [],
      skipped: [{ reason: 'unsafe_path' }],
    });
  });

  it('a body that is not gzip › fails with tarball_invalid', async () => {
    await expect(readRepoFiles(serving(Buffer.from('<html>rate limited</html>')), params)).rejects.toMatchObject({
      code: 'tarball_invalid',
    });
  });

  it('a gzip stream cut short › fails with tarball_invalid', async () => {
    const archive = writeTarGz([{ path: 'top/infra-specs/a.yaml', content: 'a'.repeat(5000) }]);
    await expect(readRepoFiles(serving(archive.subarray(0, archive.length - 20)), params)).rejects.toMatchObject({
      code: 'tarball_invalid',
    });
  });
});
