import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startGitHubDouble } from '../doubles/github/server.js';
import type { GitHubDouble } from '../doubles/github/double.js';
import { appKey, sendWebhook, startApp, terraformSandbox, waitFor, WEBHOOK_SECRET } from './support/app-process.js';
import type { AppProcess } from './support/app-process.js';
import { CONFIG, GROUP, bucket, devbox } from './support/fixtures.js';

const OWNER = 'acme';
const REPO = 'infra';
const INSTALLATION = 4242;

describe('e2e › pull request → validate check → plan comment (real server, GitHub double, terraform double)', () => {
  let github: GitHubDouble;
  let app: AppProcess;
  const sandbox = terraformSandbox();
  const key = appKey();

  const terraformCalls = (): Array<{ argv: string[]; envNames: string[] }> => {
    try {
      return readFileSync(sandbox.log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  };
  const planComment = (pr: number) => github.comments(OWNER, REPO, pr).find((c) => c.body.includes('infra-bot:plan'));
  const openPr = (branch: string, files: Record<string, string | null>, title: string) => {
    github.commit(OWNER, REPO, branch, files, title);
    return github.openPull({ owner: OWNER, repo: REPO, head: branch, title, user: { login: 'bruce', type: 'User' } });
  };
  const headSha = (pr: number) => (github.pullPayload(OWNER, REPO, pr) as { head: { sha: string } }).head.sha;
  const prEvent = (pr: number, action: string) => ({
    action,
    number: pr,
    pull_request: github.pullPayload(OWNER, REPO, pr),
    repository: github.repoPayload(OWNER, REPO),
    installation: { id: INSTALLATION },
    sender: { login: 'bruce', type: 'User', id: 7 },
  });

  beforeAll(async () => {
    github = await startGitHubDouble({ appId: 321, appPrivateKey: key });
    github.addRepo({
      owner: OWNER,
      repo: REPO,
      installationId: INSTALLATION,
      files: { '.github/infra.yml': CONFIG, 'infra-specs/groups/security.yaml': GROUP, 'README.md': 'infra' },
    });
    github.addCollaborator(OWNER, REPO, 'bruce', 'write');
    github.addCollaborator(OWNER, REPO, 'reader', 'read');
    app = await startApp({
      APP_ID: '321',
      PRIVATE_KEY: key,
      WEBHOOK_SECRET,
      GHE_HOST: github.host,
      GHE_PROTOCOL: 'http',
      DATA_DIR: sandbox.dataDir,
      PATH: `${sandbox.bin}:${process.env.PATH}`,
      // No role in the repo config: terraform gets the app's ambient AWS credentials (the default chain).
      AWS_ACCESS_KEY_ID: 'AKIAE2EAMBIENT000001',
      AWS_SECRET_ACCESS_KEY: 'e2e-ambient-secret-key-0123456789',
    });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await github?.close();
    sandbox.cleanup();
  });

  it('opened › a valid spec › validate check passes, the stack is planned and ONE plan comment is posted', async () => {
    const pr = openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') }, 'Add a devbox');
    const sent = await sendWebhook(app.url, 'pull_request', prEvent(pr, 'opened'));
    expect(sent.status).toBe(200);
    const head = headSha(pr);
    const plan = await waitFor('the plan check', () =>
      github.checkRuns(OWNER, REPO, head).find((run) => run.name === 'infra-bot / plan' && run.status === 'completed'),
    );
    const validate = github.checkRuns(OWNER, REPO, head).find((run) => run.name === 'infra-bot / validate');
    expect(validate?.conclusion).toBe('success');
    expect(plan.conclusion).toBe('success');
    expect(plan.output.title).toMatch(/to add/);
    const comment = await waitFor('the plan comment', () => planComment(pr));
    expect(comment.body).toContain('ec2-bruce-devbox');
    expect(comment.body).toContain('aws_instance');
    const calls = terraformCalls().map((call) => call.argv[0]);
    expect(calls).toEqual(expect.arrayContaining(['init', 'plan', 'show']));
    // The app's own secrets never reach terraform.
    for (const call of terraformCalls()) {
      expect(call.envNames).not.toContain('WEBHOOK_SECRET');
      expect(call.envNames).not.toContain('PRIVATE_KEY');
    }
  }, 60_000);

  it('the same delivery twice › one job, one comment', async () => {
    const pr = openPr('bucket', { 'infra-specs/data/logs.yaml': bucket('logs') }, 'Add a bucket');
    const event = prEvent(pr, 'opened');
    const first = await sendWebhook(app.url, 'pull_request', event, { id: 'delivery-dup-1' });
    const second = await sendWebhook(app.url, 'pull_request', event, { id: 'delivery-dup-1' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const head = headSha(pr);
    await waitFor('the plan check', () =>
      github.checkRuns(OWNER, REPO, head).find((run) => run.name === 'infra-bot / plan' && run.status === 'completed'),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(github.comments(OWNER, REPO, pr).filter((c) => c.body.includes('infra-bot:plan'))).toHaveLength(1);
    expect(github.checkRuns(OWNER, REPO, head).filter((run) => run.name === 'infra-bot / plan')).toHaveLength(1);
  }, 60_000);

  it('a bad webhook signature › 4xx and nothing happens', async () => {
    const pr = openPr('unsigned', { 'infra-specs/compute/x.yaml': devbox('unsigned-box') }, 'Unsigned');
    const before = github.requests.length;
    const sent = await sendWebhook(app.url, 'pull_request', prEvent(pr, 'opened'), { secret: 'wrong-secret' });
    expect(sent.status).toBeGreaterThanOrEqual(400);
    expect(sent.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 1500));
    expect(github.requests.length).toBe(before);
  }, 30_000);

  it('invalid specs › a failing check with one annotation per problem, a comment saying what to fix, no plan', async () => {
    const planCallsBefore = terraformCalls().filter((call) => call.argv[0] === 'plan').length;
    const pr = openPr(
      'broken',
      {
        'infra-specs/compute/broken.yaml': devbox('broken-box', 'm5.24xlarge')
          .replace('  ttl: 3m\n', '')
          .replace('image:', 'imag:'),
      },
      'Broken spec',
    );
    await sendWebhook(app.url, 'pull_request', prEvent(pr, 'opened'));
    const head = headSha(pr);
    const validate = await waitFor('the validate check', () =>
      github
        .checkRuns(OWNER, REPO, head)
        .find((run) => run.name === 'infra-bot / validate' && run.status === 'completed'),
    );
    expect(validate.conclusion).toBe('failure');
    const messages = validate.annotations.map((a) => `${a.path}:${a.start_line} ${a.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^infra-specs\/compute\/broken\.yaml:\d+ unknown field "spec\.imag"; did you mean "image"\?/,
        ),
        expect.stringMatching(/^infra-specs\/compute\/broken\.yaml:\d+ spec\.image is required/),
      ]),
    );
    const comment = await waitFor('the problems comment', () => planComment(pr));
    expect(comment.body).toMatch(/problems? in the specs/);
    expect(comment.body).toContain('Nothing was planned');
    expect(terraformCalls().filter((call) => call.argv[0] === 'plan').length).toBe(planCallsBefore);
    expect(github.checkRuns(OWNER, REPO, head).some((run) => run.name === 'infra-bot / plan')).toBe(false);
  }, 60_000);
});
