import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listChangedFiles } from '../../../src/github/pr-files.js';
import { commitFiles, createBranch, getPull, listOpenPulls, openPull } from '../../../src/github/pulls.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
let base: string;
beforeAll(async () => {
  double = await startGitHubDouble();
  base = double.addRepo({
    owner: 'acme',
    repo: 'infra',
    files: {
      'infra-specs/old-name.yaml': 'kind: S3Bucket\n',
      'infra-specs/keep.yaml': 'keep\n',
      'infra-specs/gone.yaml': 'gone\n',
    },
  });
});
afterAll(async () => {
  await double.close();
});

describe('pull requests', () => {
  it('getPull › returns the fields the app uses, with live head and base shas', async () => {
    const head = double.commit('acme', 'infra', 'feat-get', { 'infra-specs/new.yaml': 'x' });
    const number = double.openPull({
      owner: 'acme',
      repo: 'infra',
      head: 'feat-get',
      title: 'New bucket',
      body: 'please',
      user: { login: 'bruce', type: 'User' },
    });
    const pull = await getPull(testOctokit(double), { owner: 'acme', repo: 'infra', pull_number: number });
    expect(pull).toMatchObject({
      number,
      state: 'open',
      merged: false,
      draft: false,
      title: 'New bucket',
      body: 'please',
      user: { login: 'bruce', type: 'User' },
      head: { ref: 'feat-get', sha: head, repoFullName: 'acme/infra' },
      base: { ref: 'main', sha: base },
    });
  });

  it('getPull › a merged pull request reports merged and its merge commit', async () => {
    double.commit('acme', 'infra', 'feat-merge', { 'infra-specs/merge.yaml': 'x' });
    const number = double.openPull({ owner: 'acme', repo: 'infra', head: 'feat-merge', title: 'Merge me' });
    const mergeSha = double.mergePull({ owner: 'acme', repo: 'infra', number });
    const pull = await getPull(testOctokit(double), { owner: 'acme', repo: 'infra', pull_number: number });
    expect(pull).toMatchObject({ state: 'closed', merged: true, mergeCommitSha: mergeSha });
    expect(double.readFile('acme', 'infra', 'main', 'infra-specs/merge.yaml')).toBe('x');
  });

  it('listOpenPulls › follows pagination past 100 and skips closed ones', async () => {
    double.addRepo({ owner: 'acme', repo: 'busy', files: { 'a.txt': 'a' } });
    for (let i = 0; i < 105; i++) {
      double.commit('acme', 'busy', `b${i}`, { [`f${i}.txt`]: String(i) });
      double.openPull({ owner: 'acme', repo: 'busy', head: `b${i}`, title: `PR ${i}` });
    }
    double.closePull('acme', 'busy', 1);
    double.clearRequests();
    const pulls = await listOpenPulls(testOctokit(double), { owner: 'acme', repo: 'busy' });
    expect(pulls).toHaveLength(104);
    expect(pulls[0]!.title).toBe('PR 1');
    expect(double.countRequests('GET', '/repos/acme/busy/pulls')).toBe(2);
  });

  it('listChangedFiles › pages through 250 files and lists both paths of a rename', async () => {
    const files: Record<string, string | null> = {
      'infra-specs/old-name.yaml': null,
      'infra-specs/new-name.yaml': 'kind: S3Bucket\n',
      'infra-specs/gone.yaml': null,
    };
    for (let i = 0; i < 247; i++) files[`infra-specs/bulk/${i}.yaml`] = `n: ${i}\n`;
    double.commit('acme', 'infra', 'feat-files', files);
    const number = double.openPull({ owner: 'acme', repo: 'infra', head: 'feat-files', title: 'Many files' });
    double.clearRequests();
    const paths = await listChangedFiles(testOctokit(double), { owner: 'acme', repo: 'infra', pull_number: number });
    expect(paths).toHaveLength(250);
    expect(paths).toEqual(
      expect.arrayContaining([
        'infra-specs/old-name.yaml',
        'infra-specs/new-name.yaml',
        'infra-specs/gone.yaml',
        'infra-specs/bulk/0.yaml',
      ]),
    );
    expect(paths).not.toContain('infra-specs/keep.yaml');
    expect(double.countRequests('GET', /\/pulls\/\d+\/files$/)).toBe(3);
  });

  it('listChangedFiles › a listing that reaches GitHub’s 3000-file cap fails instead of missing changes', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3001; i++) files[`infra-specs/huge/${i}.yaml`] = `n: ${i}\n`;
    double.commit('acme', 'infra', 'feat-huge', files);
    const number = double.openPull({ owner: 'acme', repo: 'infra', head: 'feat-huge', title: 'Huge' });
    await expect(
      listChangedFiles(testOctokit(double), { owner: 'acme', repo: 'infra', pull_number: number }),
    ).rejects.toMatchObject({
      code: 'file_list_truncated',
    });
  });

  it('openPull › opens once; a retry for the same branch returns the open pull request', async () => {
    double.commit('acme', 'infra', 'infra-bot/new-bucket', { 'infra-specs/bucket.yaml': 'x' });
    const octokit = testOctokit(double);
    const params = {
      owner: 'acme',
      repo: 'infra',
      head: 'infra-bot/new-bucket',
      base: 'main',
      title: 'New bucket',
      body: 'Closes #1',
    };
    const first = await openPull(octokit, params);
    const second = await openPull(octokit, params);
    expect(first.created).toBe(true);
    expect(second).toEqual({ number: first.number, htmlUrl: first.htmlUrl, nodeId: first.nodeId, created: false });
    expect(first.nodeId).toMatch(/^PR_/);
    expect(double.pulls('acme', 'infra').filter((p) => p.head === 'infra-bot/new-bucket')).toHaveLength(1);
  });
});

describe('branches and commits', () => {
  it('createBranch › creates a missing branch at the given commit', async () => {
    const result = await createBranch(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      branch: 'infra-bot/onboard-bruce',
      fromSha: base,
    });
    expect(result).toEqual({ created: true, sha: base });
    expect(double.branches('acme', 'infra')['infra-bot/onboard-bruce']).toBe(base);
  });

  it('createBranch › never moves an existing branch', async () => {
    const tip = double.commit('acme', 'infra', 'infra-bot/existing', { 'x.txt': 'work in progress' });
    const result = await createBranch(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      branch: 'infra-bot/existing',
      fromSha: base,
    });
    expect(result).toEqual({ created: false, sha: tip });
    expect(double.branches('acme', 'infra')['infra-bot/existing']).toBe(tip);
  });

  it('commitFiles › writes, changes and deletes files in one commit on top of the expected head', async () => {
    const start = double.commit('acme', 'infra', 'infra-bot/offboard', {});
    const result = await commitFiles(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      branch: 'infra-bot/offboard',
      message: 'Offboard bruce',
      files: [
        { path: 'infra-specs/users/bruce.yaml', content: 'status: SUSPENDED\n' },
        { path: 'infra-specs/gone.yaml', content: null },
      ],
      expectedHeadSha: start,
    });
    expect(result.changed).toBe(true);
    expect(double.branches('acme', 'infra')['infra-bot/offboard']).toBe(result.sha);
    expect(double.commitOf('acme', 'infra', result.sha)).toMatchObject({ parents: [start], message: 'Offboard bruce' });
    expect(double.readFile('acme', 'infra', result.sha, 'infra-specs/users/bruce.yaml')).toBe('status: SUSPENDED\n');
    expect(double.readFile('acme', 'infra', result.sha, 'infra-specs/gone.yaml')).toBeNull();
    expect(double.readFile('acme', 'infra', result.sha, 'infra-specs/keep.yaml')).toBe('keep\n');
  });

  it('commitFiles › content identical to the head makes no commit', async () => {
    const start = double.commit('acme', 'infra', 'infra-bot/noop', {});
    const result = await commitFiles(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      branch: 'infra-bot/noop',
      message: 'noop',
      files: [{ path: 'infra-specs/keep.yaml', content: 'keep\n' }],
      expectedHeadSha: start,
    });
    expect(result).toEqual({ sha: start, changed: false });
  });

  it('commitFiles › when someone pushed meanwhile, fails with head_moved and overwrites nothing', async () => {
    const start = double.commit('acme', 'infra', 'infra-bot/race', {});
    const theirs = double.commit('acme', 'infra', 'infra-bot/race', { 'infra-specs/theirs.yaml': 'theirs' });
    await expect(
      commitFiles(testOctokit(double), {
        owner: 'acme',
        repo: 'infra',
        branch: 'infra-bot/race',
        message: 'mine',
        files: [{ path: 'infra-specs/mine.yaml', content: 'mine' }],
        expectedHeadSha: start,
      }),
    ).rejects.toMatchObject({ code: 'head_moved' });
    expect(double.branches('acme', 'infra')['infra-bot/race']).toBe(theirs);
  });
});
