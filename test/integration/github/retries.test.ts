import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { Probot } from 'probot';
import { createOctokitClass } from '../../../src/github/octokit.js';
import { getPermission } from '../../../src/github/permissions.js';
import { listOpenPulls } from '../../../src/github/pulls.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

const key = (): string =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const appKey = key();

let double: GitHubDouble;
let pull: number;
beforeAll(async () => {
  double = await startGitHubDouble({ appId: 42, appPrivateKey: appKey });
  double.addRepo({ owner: 'acme', repo: 'infra', installationId: 7, files: { 'a.txt': 'a' } });
  double.addRepo({ owner: 'other', repo: 'secret', installationId: 8, files: { 'a.txt': 'a' } });
  double.commit('acme', 'infra', 'feat', { 'b.txt': 'b' });
  pull = double.openPull({ owner: 'acme', repo: 'infra', head: 'feat', title: 'Feat' });
  double.addCollaborator('acme', 'infra', 'bruce', 'maintain');
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => double.clearRequests());

function probot(options: { privateKey?: string; ourOctokit?: boolean } = {}): Probot {
  return new Probot({
    appId: 42,
    privateKey: options.privateKey ?? appKey,
    baseUrl: `${double.url}/api/v3`,
    logLevel: 'fatal',
    ...(options.ourOctokit === false ? {} : { Octokit: createOctokitClass({ retryAfterBaseValue: 1 }) }),
  });
}

/** The pull request list of acme/infra, which the app reads through listOpenPulls. */
const PULLS = '/repos/acme/infra/pulls';
const statuses = (pathPart: string) => double.requests.filter((r) => r.path.includes(pathPart)).map((r) => r.status);

describe('retries (Probot’s retry and throttling plugins against the double)', () => {
  it('502 twice › the retry plugin recovers and the caller sees the pull request', async () => {
    double.failNext({ method: 'GET', pathPattern: PULLS, status: 502, times: 2 });
    await expect(listOpenPulls(testOctokit(double), { owner: 'acme', repo: 'infra' })).resolves.toEqual([
      expect.objectContaining({ number: pull }),
    ]);
    expect(statuses(PULLS)).toEqual([502, 502, 200]);
  });

  it('502 on every attempt › gives up after 3 retries with a server_error', async () => {
    double.failNext({ method: 'GET', pathPattern: PULLS, status: 502, times: 10 });
    await expect(listOpenPulls(testOctokit(double), { owner: 'acme', repo: 'infra' })).rejects.toMatchObject({
      code: 'server_error',
      status: 502,
    });
    expect(statuses(PULLS)).toEqual([502, 502, 502, 502]);
    double.state.faults.length = 0;
  });

  it('secondary rate limit with retry-after › our octokit class waits and retries', async () => {
    double.failNext({ pathPattern: '/collaborators/bruce/permission', status: 403, retryAfter: 1 });
    await expect(
      getPermission(testOctokit(double, { throttle: true }), { owner: 'acme', repo: 'infra', username: 'bruce' }),
    ).resolves.toBe('maintain');
    expect(statuses('/collaborators/bruce/permission')).toEqual([403, 200]);
  });

  it('app auth › a Probot app signs a JWT, gets an installation token and uses it', async () => {
    const octokit = await probot().auth(7);
    await expect(getPermission(octokit, { owner: 'acme', repo: 'infra', username: 'bruce' })).resolves.toBe('maintain');
    expect(double.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/v3/app/installations/7/access_tokens 201',
      'GET /api/v3/repos/acme/infra/collaborators/bruce/permission 200',
    ]);
  });

  it('app auth › a Probot app with our octokit class retries a secondary rate limit', async () => {
    double.failNext({ pathPattern: '/collaborators/bruce/permission', status: 403, retryAfter: 1 });
    const octokit = await probot().auth(7);
    await expect(getPermission(octokit, { owner: 'acme', repo: 'infra', username: 'bruce' })).resolves.toBe('maintain');
    expect(statuses('/collaborators/bruce/permission')).toEqual([403, 200]);
  });

  it('app auth › Probot’s default octokit does not retry a secondary rate limit (why createOctokitClass exists)', async () => {
    double.failNext({ pathPattern: '/collaborators/bruce/permission', status: 403, retryAfter: 1 });
    const octokit = await probot({ ourOctokit: false }).auth(7);
    await expect(getPermission(octokit, { owner: 'acme', repo: 'infra', username: 'bruce' })).rejects.toMatchObject({
      code: 'rate_limited',
      status: 403,
    });
    expect(statuses('/collaborators/bruce/permission')).toEqual([403]);
  });

  it('app auth › an installation token cannot see another installation’s repository', async () => {
    const octokit = await probot().auth(7);
    await expect(getPermission(octokit, { owner: 'other', repo: 'secret', username: 'bruce' })).resolves.toBe('none');
    await expect(listOpenPulls(octokit, { owner: 'other', repo: 'secret' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('app auth › a JWT signed with the wrong key is refused', async () => {
    const octokit = await probot({ privateKey: key() }).auth(7);
    await expect(listOpenPulls(octokit, { owner: 'acme', repo: 'infra' })).rejects.toMatchObject({
      status: 401,
    });
    expect(statuses('/access_tokens')).toEqual([401]);
  });
});
