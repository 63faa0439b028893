import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGitHubDouble } from '../../doubles/github/server.js';
import type { GitHubDouble } from '../../doubles/github/double.js';
import { appKey, sendWebhook, startApp, terraformSandbox, waitFor, WEBHOOK_SECRET } from './app-process.js';
import type { AppProcess } from './app-process.js';
import { CONFIG, GROUP } from './fixtures.js';

export const OWNER = 'acme';
export const REPO = 'infra';
export const INSTALLATION = 4242;
export const APP_ID = '321';

/**
 * The world a story runs in, shared by the spawned-server e2e stories and the in-process workflow tier: the GitHub
 * double with the repository (config, one group, three collaborators), the terraform sandbox, and the app's base
 * environment (GitHub double, terraform double first on PATH, ambient AWS keys).
 */
export async function startStoryRepository(files: Record<string, string> = {}) {
  const github: GitHubDouble = await startGitHubDouble({ appId: Number(APP_ID), appPrivateKey: appKey.cached() });
  github.addRepo({
    owner: OWNER,
    repo: REPO,
    installationId: INSTALLATION,
    files: { '.github/infra.yml': CONFIG, 'infra-specs/groups/security.yaml': GROUP, ...files },
  });
  github.addCollaborator(OWNER, REPO, 'bruce', 'write');
  github.addCollaborator(OWNER, REPO, 'maria', 'write');
  github.addCollaborator(OWNER, REPO, 'reader', 'read');
  const sandbox = terraformSandbox();
  const env: Record<string, string> = {
    APP_ID,
    PRIVATE_KEY: appKey.cached(),
    WEBHOOK_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    DATA_DIR: sandbox.dataDir,
    // The terraform double first; the app hands terraform this PATH.
    PATH: `${sandbox.bin}:${process.env.PATH ?? ''}`,
    AWS_ACCESS_KEY_ID: 'AKIAE2EAMBIENT000001',
    AWS_SECRET_ACCESS_KEY: 'e2e-ambient-secret-key-0123456789',
  };
  return { github, sandbox, env };
}

/** One repository on the GitHub double, the real server as a process, and helpers to drive a PR story. */
export async function startStory(
  options: {
    env?: Record<string, string>;
    files?: Record<string, string>;
    /** A controllable clock (offset file). */ clock?: boolean;
  } = {},
) {
  const { github, sandbox, env: base } = await startStoryRepository(options.files);
  const env = {
    ...base,
    ...(options.clock && { INFRA_BOT_TEST_CLOCK_FILE: join(sandbox.dir, 'clock-offset') }),
    ...options.env,
  };
  let app: AppProcess = await startApp(env);

  const story = {
    github,
    sandbox,
    get app() {
      return app;
    },
    async restart(extraEnv: Record<string, string> = {}) {
      app = await startApp({ ...env, ...extraEnv });
    },
    headSha: (pr: number) => (github.pullPayload(OWNER, REPO, pr) as { head: { sha: string } }).head.sha,
    openPr(branch: string, files: Record<string, string | null>, title: string, login = 'bruce') {
      github.commit(OWNER, REPO, branch, files, title);
      return github.openPull({ owner: OWNER, repo: REPO, head: branch, title, user: { login, type: 'User' } });
    },
    prEvent: (pr: number, action: string, login = 'bruce') => ({
      action,
      number: pr,
      pull_request: github.pullPayload(OWNER, REPO, pr),
      repository: github.repoPayload(OWNER, REPO),
      installation: { id: INSTALLATION },
      sender: { login, type: 'User', id: 7 },
    }),
    sendPr: (pr: number, action: string, id?: string) =>
      sendWebhook(app.url, 'pull_request', story.prEvent(pr, action), id ? { id } : {}),
    /** A person (or bot) comments on an issue or PR; the webhook is sent like GitHub's. */
    async comment(number: number, body: string, login = 'bruce', type: 'User' | 'Bot' = 'User', action = 'created') {
      const id = github.addComment({ owner: OWNER, repo: REPO, issue_number: number, body, user: { login, type } });
      const sent = await sendWebhook(app.url, 'issue_comment', {
        action,
        issue: github.issuePayload(OWNER, REPO, number),
        comment: github.commentPayload(id),
        repository: github.repoPayload(OWNER, REPO),
        installation: { id: INSTALLATION },
        sender: { login, type, id: 8 },
      });
      return { id, status: sent.status };
    },
    planComment: (pr: number) => github.comments(OWNER, REPO, pr).find((c) => c.body.includes('infra-bot:plan')),
    /** The app's own comments (a test's fake bot comments start with /infra). */
    repliesTo: (number: number) =>
      github.comments(OWNER, REPO, number).filter((c) => c.user.type === 'Bot' && !c.body.startsWith('/infra')),
    planCheck: (pr: number) =>
      github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .find((run) => run.name === 'infra-bot / plan' && run.status === 'completed'),
    waitForPlanCheck: (pr: number) => waitFor(`the plan check of #${pr}`, () => story.planCheck(pr)),
    terraformCalls(): Array<{ argv: string[]; envNames: string[]; cwd: string }> {
      try {
        return readFileSync(sandbox.log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
      } catch {
        return [];
      }
    },
    async close() {
      await app.stop();
      await github.close();
      sandbox.cleanup();
    },
  };
  return story;
}

export type Story = Awaited<ReturnType<typeof startStory>>;
