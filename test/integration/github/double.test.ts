import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { readTar } from '../../../src/github/tar-reader.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
let sha: string;
beforeAll(async () => {
  double = await startGitHubDouble();
  sha = double.addRepo({
    owner: 'acme',
    repo: 'infra',
    files: { '.github/infra.yml': 'specsDir: infra-specs\n', 'infra-specs/a.yaml': 'a: 1\n' },
  });
  double.addRepo({ owner: 'acme', repo: 'plain', files: { 'README.md': 'no config here' } });
  double.addRepo({ owner: 'acme', repo: '.github', files: { '.github/infra.yml': 'specsDir: org-specs\n' } });
});
afterAll(async () => {
  await double.close();
});

const get = (path: string, headers: Record<string, string> = { authorization: 'token test' }) =>
  fetch(`${double.url}${path}`, { headers });

describe('GitHub double', () => {
  it('unknown routes › 404 with GitHub’s JSON shape', async () => {
    const res = await get('/api/v3/repos/acme/infra/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
  });

  it('auth › repository endpoints need a token; unknown tokens and app JWTs are refused', async () => {
    expect((await get('/api/v3/repos/acme/infra', {})).status).toBe(401);
    expect((await get('/api/v3/repos/acme/infra', { authorization: 'token ghs_unknown' })).status).toBe(401);
    expect((await get('/api/v3/app', { authorization: 'token test' })).status).toBe(401);
    expect((await get('/api/v3/repos/acme/infra')).status).toBe(200);
  });

  it('contents › JSON with base64 content, raw on request, 404 when missing', async () => {
    const octokit = testOctokit(double);
    const { data } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'infra',
      path: 'infra-specs/a.yaml',
      ref: sha,
    });
    expect(data).toMatchObject({ type: 'file', encoding: 'base64', content: Buffer.from('a: 1\n').toString('base64') });
    const raw = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'infra',
      path: 'infra-specs/a.yaml',
      mediaType: { format: 'raw' },
    });
    expect(raw.data).toBe('a: 1\n');
    await expect(
      octokit.rest.repos.getContent({ owner: 'acme', repo: 'infra', path: 'nope.yaml' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('config › Probot’s config plugin reads .github/infra.yml, falling back to the owner’s .github repository', async () => {
    const octokit = testOctokit(double);
    const own = await octokit.config.get({ owner: 'acme', repo: 'infra', path: '.github/infra.yml' });
    expect(own.config).toEqual({ specsDir: 'infra-specs' });
    const fallback = await octokit.config.get({ owner: 'acme', repo: 'plain', path: '.github/infra.yml' });
    expect(fallback.config).toEqual({ specsDir: 'org-specs' });
    expect(fallback.files.map((f) => `${f.owner}/${f.repo}`)).toEqual(['acme/plain', 'acme/.github']);
  });

  it('tarball › redirects to a gzip tar whose top folder is <owner>-<repo>-<short sha>', async () => {
    const res = await get(`/api/v3/repos/acme/infra/tarball/${sha}`);
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    const paths: string[] = [];
    const body = Readable.fromWeb(res.body! as ReadableStream<Uint8Array>).pipe(createGunzip());
    for await (const entry of readTar(body, { maxEntries: 100, wantContent: () => false })) paths.push(entry.path);
    const top = `acme-infra-${sha.slice(0, 7)}`;
    expect(paths).toEqual([
      `${top}/`,
      `${top}/.github/`,
      `${top}/.github/infra.yml`,
      `${top}/infra-specs/`,
      `${top}/infra-specs/a.yaml`,
    ]);
  });

  it('pagination › sends GitHub’s Link header', async () => {
    const issue = double.openIssue({ owner: 'acme', repo: 'infra', title: 'busy' });
    for (let i = 0; i < 5; i++) double.addComment({ owner: 'acme', repo: 'infra', issue_number: issue, body: `c${i}` });
    const res = await get(`/api/v3/repos/acme/infra/issues/${issue}/comments?per_page=2&page=2`);
    expect(((await res.json()) as Array<{ body: string }>).map((c) => c.body)).toEqual(['c2', 'c3']);
    expect(res.headers.get('link')).toBe(
      [
        `<${double.url}/api/v3/repos/acme/infra/issues/${issue}/comments?per_page=2&page=3>; rel="next"`,
        `<${double.url}/api/v3/repos/acme/infra/issues/${issue}/comments?per_page=2&page=3>; rel="last"`,
        `<${double.url}/api/v3/repos/acme/infra/issues/${issue}/comments?per_page=2&page=1>; rel="first"`,
        `<${double.url}/api/v3/repos/acme/infra/issues/${issue}/comments?per_page=2&page=1>; rel="prev"`,
      ].join(', '),
    );
  });

  it('graphql › octokit reaches /api/graphql; unknown queries get 200 with errors, handled ones the handler’s data', async () => {
    const octokit = testOctokit(double);
    await expect(octokit.graphql('query Viewer { viewer { login } }')).rejects.toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringContaining('Viewer') })],
    });
    expect(double.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/graphql', status: 200 });
    double.setGraphqlHandler(({ query, variables }) =>
      query.includes('organization') ? { data: { organization: { login: variables.org } } } : undefined,
    );
    await expect(
      octokit.graphql('query($org: String!) { organization(login: $org) { login } }', { org: 'acme' }),
    ).resolves.toEqual({
      organization: { login: 'acme' },
    });
    double.setGraphqlHandler(null);
  });

  it('git refs › creating an existing ref is a 422 "Reference already exists"', async () => {
    const octokit = testOctokit(double);
    await expect(
      octokit.rest.git.createRef({ owner: 'acme', repo: 'infra', ref: 'refs/heads/main', sha }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reference already exists'),
    });
  });

  it('webhook payload builders › match what the REST API returns', async () => {
    double.commit('acme', 'infra', 'feat', { 'infra-specs/b.yaml': 'b' });
    const number = double.openPull({ owner: 'acme', repo: 'infra', head: 'feat', title: 'B' });
    const { data } = await testOctokit(double).rest.pulls.get({ owner: 'acme', repo: 'infra', pull_number: number });
    expect(double.pullPayload('acme', 'infra', number)).toEqual(data);
  });
});
