import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getPermission } from '../../../src/github/permissions.js';
import { setCommitStatus } from '../../../src/github/statuses.js';
import type { Permission } from '../../doubles/github/server.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
let sha: string;
beforeAll(async () => {
  double = await startGitHubDouble();
  sha = double.addRepo({ owner: 'acme', repo: 'infra', files: { 'a.txt': 'a' } });
});
afterAll(async () => {
  await double.close();
});

describe('getPermission', () => {
  it.each<Permission>(['admin', 'maintain', 'write', 'triage', 'read', 'none'])(
    'a %s collaborator › gets exactly that level',
    async (level) => {
      double.addCollaborator('acme', 'infra', `user-${level}`, level);
      await expect(
        getPermission(testOctokit(double), { owner: 'acme', repo: 'infra', username: `user-${level}` }),
      ).resolves.toBe(level);
    },
  );

  it('a user GitHub does not know › is none', async () => {
    await expect(
      getPermission(testOctokit(double), { owner: 'acme', repo: 'infra', username: 'stranger' }),
    ).resolves.toBe('none');
  });

  it('a failing lookup › is an error, never a silent "none"', async () => {
    double.failNext({ pathPattern: '/collaborators/user-admin/permission', status: 500, times: 4 });
    await expect(
      getPermission(testOctokit(double), { owner: 'acme', repo: 'infra', username: 'user-admin' }),
    ).rejects.toMatchObject({ code: 'server_error' });
  });
});

describe('setCommitStatus', () => {
  it('sets the status with a description trimmed to GitHub’s 140 characters', async () => {
    const id = await setCommitStatus(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      sha,
      context: 'infra-bot/approval',
      state: 'success',
      description: `Approved by ${'x'.repeat(200)}`,
      target_url: 'https://slack.example/archives/C1',
    });
    const [status] = double.statuses('acme', 'infra', sha);
    expect(status).toMatchObject({
      id,
      context: 'infra-bot/approval',
      state: 'success',
      targetUrl: 'https://slack.example/archives/C1',
    });
    expect(status!.description).toHaveLength(140);
    expect(status!.description!.endsWith('…')).toBe(true);
  });

  it('the combined status › reflects the latest state per context', async () => {
    const octokit = testOctokit(double);
    const head = double.commit('acme', 'infra', 'main', { 'b.txt': 'b' });
    await setCommitStatus(octokit, {
      owner: 'acme',
      repo: 'infra',
      sha: head,
      context: 'infra-bot/approval',
      state: 'pending',
      description: 'Waiting',
    });
    await setCommitStatus(octokit, {
      owner: 'acme',
      repo: 'infra',
      sha: head,
      context: 'infra-bot/approval',
      state: 'success',
      description: 'Approved',
    });
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'infra', ref: head });
    expect(data.state).toBe('success');
    expect(data.statuses.map((s) => s.description)).toEqual(['Approved']);
  });

  it('an unknown commit › is a validation error', async () => {
    await expect(
      setCommitStatus(testOctokit(double), {
        owner: 'acme',
        repo: 'infra',
        sha: 'f'.repeat(40),
        context: 'c',
        state: 'success',
        description: 'd',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', status: 422 });
  });
});
