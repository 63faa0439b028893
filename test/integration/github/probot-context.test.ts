import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createProbot, type Probot } from 'probot';
import { reply } from '../../../src/github/comments.js';
import { createOctokitClass } from '../../../src/github/octokit.js';
import { readRepoFiles } from '../../../src/github/repo-files.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';

// What the end-to-end tests rely on: Probot configured only through GHE_HOST/GHE_PROTOCOL talks to the double,
// authenticates as the app, and `context.config` / `context.octokit` work against it.
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

let double: GitHubDouble;
let probot: Probot;
let issue: number;
let comment: number;
const seen: Array<{ config: unknown; specs: string[] }> = [];

beforeAll(async () => {
  double = await startGitHubDouble({ appId: 123, appPrivateKey: privateKey });
  double.addRepo({
    owner: 'acme',
    repo: 'infra',
    installationId: 99,
    files: { '.github/infra.yml': 'specsDir: infra-specs\n', 'infra-specs/a.yaml': 'a' },
  });
  issue = double.openIssue({ owner: 'acme', repo: 'infra', title: 'Need access' });
  comment = double.addComment({
    owner: 'acme',
    repo: 'infra',
    issue_number: issue,
    body: '/infra whoami',
    user: { login: 'bruce', type: 'User' },
  });
  probot = createProbot({
    env: {
      APP_ID: '123',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: 'secret',
      GHE_HOST: double.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'fatal',
    },
    overrides: { Octokit: createOctokitClass({ retryAfterBaseValue: 1 }) },
  });
  await probot.load((app) => {
    app.on('issue_comment.created', async (context) => {
      const config = await context.config('infra.yml');
      const { owner, repo } = context.repo();
      const { files } = await readRepoFiles(context.octokit, {
        owner,
        repo,
        ref: 'main',
        prefixes: ['infra-specs/'],
        maxFileBytes: 1000,
        maxFiles: 10,
      });
      seen.push({ config, specs: files.map((f) => f.path) });
      await reply(context.octokit, { owner, repo, issue_number: context.payload.issue.number, body: 'You are bruce.' });
    });
  });
});
afterAll(async () => {
  await double.close();
});

describe('Probot against the GitHub double through GHE_HOST', () => {
  it('an issue_comment webhook › the handler reads config and files and replies as the app’s bot', async () => {
    await probot.receive({
      id: 'delivery-1',
      name: 'issue_comment',
      payload: {
        action: 'created',
        issue: double.issuePayload('acme', 'infra', issue),
        comment: double.commentPayload(comment),
        repository: double.repoPayload('acme', 'infra'),
        sender: { login: 'bruce', id: 1, type: 'User' },
        installation: { id: 99 },
      } as never,
    });
    expect(seen).toEqual([{ config: { specsDir: 'infra-specs' }, specs: ['infra-specs/a.yaml'] }]);
    expect(double.comments('acme', 'infra', issue).at(-1)).toMatchObject({
      body: 'You are bruce.',
      user: { login: 'infra-bot[bot]', type: 'Bot' },
    });
    expect(
      double.requests.filter((r) => r.path.startsWith('/api/v3/app/')).map((r) => `${r.method} ${r.path} ${r.status}`),
    ).toEqual(['POST /api/v3/app/installations/99/access_tokens 201']);
  });
});
