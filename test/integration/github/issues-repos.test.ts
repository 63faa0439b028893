import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GitHubGatewayError } from '../../../src/github/errors.js';
import { listInstallationRepositories } from '../../../src/github/installations.js';
import { createIssue, getIssue, updateIssue } from '../../../src/github/issues.js';
import { getPull, listPullsOfBranch, mergePull } from '../../../src/github/pulls.js';
import {
  apiBaseUrl,
  getBranchHead,
  getCommitMessage,
  getCommitParents,
  getRepository,
} from '../../../src/github/repos.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

const target = { owner: 'acme', repo: 'gateway' };
let double: GitHubDouble;
let base: string;
beforeAll(async () => {
  double = await startGitHubDouble();
  base = double.addRepo({ ...target, files: { 'README.md': 'hi\n' } });
});
afterAll(async () => double.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('github gateway › issues', () => {
  it('creates, reads and updates an issue with only the fields the app uses', async () => {
    const octokit = testOctokit(double);
    const created = await createIssue(octokit, { ...target, title: 'Drift in identity', body: 'b', labels: ['x'] });
    expect(created).toEqual({
      number: expect.any(Number),
      id: expect.any(Number),
      nodeId: expect.any(String),
      htmlUrl: expect.stringContaining(`/issues/${created.number}`),
    });
    expect(await getIssue(octokit, { ...target, issue_number: created.number })).toEqual({
      number: created.number,
      state: 'open',
      title: 'Drift in identity',
      body: 'b',
      labels: ['x'],
    });
    await updateIssue(octokit, { ...target, issue_number: created.number, state: 'closed' });
    const closed = await getIssue(octokit, { ...target, issue_number: created.number });
    expect(closed).toMatchObject({ state: 'closed', body: 'b' });
  });

  it('a missing issue is a not_found gateway error naming the operation', async () => {
    const error = await failure(getIssue(testOctokit(double), { ...target, issue_number: 9999 }));
    expect(error).toBeInstanceOf(GitHubGatewayError);
    expect(error).toMatchObject({ code: 'not_found', status: 404, operation: 'get issue acme/gateway#9999' });
  });
});

describe('github gateway › repositories and commits', () => {
  it('the default branch, its head, a commit’s parents and message', async () => {
    const octokit = testOctokit(double);
    const repository = await getRepository(octokit, target);
    expect(repository).toEqual({ defaultBranch: 'main', htmlUrl: expect.stringContaining('/acme/gateway') });
    const head = double.commit(target.owner, target.repo, 'main', { 'a.txt': 'a' }, 'Add a\n\nWith a body.');
    expect(await getBranchHead(octokit, { ...target, branch: 'main' })).toBe(head);
    expect(await getCommitParents(octokit, { ...target, sha: head })).toEqual([base]);
    expect(await getCommitMessage(octokit, { ...target, sha: head })).toBe('Add a\n\nWith a body.');
  });

  it('the API base URL the client talks to', () => {
    expect(apiBaseUrl(testOctokit(double))).toBe(`${double.url}/api/v3`);
  });

  it('the repositories an installation sees, as owner, name and full name', async () => {
    const repositories = await listInstallationRepositories(testOctokit(double));
    expect(repositories).toContainEqual({ owner: 'acme', name: 'gateway', fullName: 'acme/gateway' });
  });
});

describe('github gateway › pulls', () => {
  it('lists the pulls of a branch and carries the node id', async () => {
    const octokit = testOctokit(double);
    double.commit(target.owner, target.repo, 'feat-list', { 'b.txt': 'b' });
    const number = double.openPull({ ...target, head: 'feat-list', title: 'B' });
    const pulls = await listPullsOfBranch(octokit, { ...target, head: 'acme:feat-list', perPage: 10 });
    expect(pulls.map((pull) => pull.number)).toEqual([number]);
    const pull = await getPull(octokit, { ...target, pull_number: number });
    expect(pull.nodeId).toBe(pulls[0]!.nodeId);
    expect(pull.nodeId).not.toBe('');
    expect(await listPullsOfBranch(octokit, { ...target, head: 'acme:nothing-here', perPage: 10 })).toEqual([]);
  });

  it('merges only while the head is the one given: a moved head is a conflict', async () => {
    const octokit = testOctokit(double);
    const head = double.commit(target.owner, target.repo, 'feat-merge', { 'c.txt': 'c' });
    const number = double.openPull({ ...target, head: 'feat-merge', title: 'C' });
    double.commit(target.owner, target.repo, 'feat-merge', { 'c.txt': 'c2' });
    const error = await failure(mergePull(octokit, { ...target, pull_number: number, sha: head, method: 'squash' }));
    expect(error).toMatchObject({ code: 'conflict', status: 409 });
    const moved = (await getPull(octokit, { ...target, pull_number: number })).head.sha;
    await mergePull(octokit, { ...target, pull_number: number, sha: moved, method: 'squash' });
    expect((await getPull(octokit, { ...target, pull_number: number })).merged).toBe(true);
  });
});
