// The in-process twin of test/e2e/support/story.ts: the same repository on the GitHub double and the same terraform
// double, but the app runs in this process (src/app/in-process.ts) with SQLite in a temp dir. Webhooks go through
// Probot's `receive()`, Slack clicks through the app's HTTP routes on a loopback server, and jobs run when the test
// calls `drain()`: no build, no polling, no waiting.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Probot } from 'probot';
import { createInProcessApp } from '../../../src/app/in-process.js';
import type { InProcessApp } from '../../../src/app/in-process.js';
import { parseEnv } from '../../../src/config/env.js';
import { createOctokitClass } from '../../../src/github/octokit.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { INSTALLATION, OWNER, REPO, startStoryRepository } from '../../e2e/support/story.js';
import { createOffsetClock } from './offset-clock.js';

export { OWNER, REPO, INSTALLATION };

/**
 * The server's Octokit class without the throttling plugin, whose write queue spaces writes a second apart (a flow
 * makes ~40 writes); retries and pagination are kept. The e2e tests keep the throttle, as the built server has it.
 */
const unthrottledOctokit = createOctokitClass({ retryAfterBaseValue: 1 }).defaults(
  (options: Record<string, unknown>) => ({ ...options, throttle: { ...(options.throttle as object), enabled: false } }),
);

type WebhookEvent = Parameters<Probot['receive']>[0];

export interface WorkflowStoryOptions {
  /** Extra environment (SLACK_BOT_TOKEN, SLACK_API_URL…), parsed like the server's. */
  env?: Record<string, string>;
  files?: Record<string, string>;
}

/** One repository on the GitHub double, the app in this process, and helpers to drive a PR story. */
export async function startWorkflowStory(options: WorkflowStoryOptions = {}) {
  const { github, sandbox, env: base } = await startStoryRepository(options.files);
  const rawEnv: Record<string, string> = {
    ...base,
    HOME: process.env.HOME ?? '/tmp',
    // Quiet unless asked: LOG_LEVEL=debug LOG_FORMAT=json npm run test:workflow shows the app's log.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
    ...(process.env.LOG_FORMAT && { LOG_FORMAT: process.env.LOG_FORMAT }),
    ...options.env,
  };
  const clock = createOffsetClock();
  const store: Store = await openStore({ dataDir: sandbox.dataDir, clock });
  const app: InProcessApp = await createInProcessApp({
    env: parseEnv(rawEnv),
    rawEnv,
    store,
    clock,
    dataDir: sandbox.dataDir,
    Octokit: unthrottledOctokit,
  });
  // Slack posts interactions over HTTP with a signature: the app's own routes answer them on loopback.
  const server = createServer((request, response) => {
    app.handleRequest(request, response).then(
      (handled) => handled || response.writeHead(404).end(),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The double builds payloads as plain objects; Probot's type wants one of GitHub's exact event shapes.
  const receive = (name: string, payload: object) =>
    app.probot.receive({ id: randomUUID(), name, payload } as unknown as WebhookEvent);

  const story = {
    github,
    sandbox,
    store,
    clock,
    app,
    /** The app's HTTP routes (Slack's Request URL is `${url}/slack/events`). */
    url,
    drain: app.drain,
    headSha: (pr: number) => (github.pullPayload(OWNER, REPO, pr) as { head: { sha: string } }).head.sha,
    nodeId: (pr: number) => (github.pullPayload(OWNER, REPO, pr) as { node_id: string }).node_id,
    openPr(branch: string, files: Record<string, string | null>, title: string, login = 'bruce') {
      github.commit(OWNER, REPO, branch, files, title);
      return github.openPull({ owner: OWNER, repo: REPO, head: branch, title, user: { login, type: 'User' } });
    },
    prEvent: (
      pr: number,
      action: string,
      sender: { login: string; type: 'User' | 'Bot' } = { login: 'bruce', type: 'User' },
    ) => ({
      action,
      number: pr,
      pull_request: github.pullPayload(OWNER, REPO, pr),
      repository: github.repoPayload(OWNER, REPO),
      installation: { id: INSTALLATION },
      sender: { ...sender, id: 7 },
    }),
    /** GitHub's pull_request webhook, received by Probot as the server's middleware would after verifying it. */
    sendPr: (pr: number, action: string, sender?: { login: string; type: 'User' | 'Bot' }) =>
      receive('pull_request', story.prEvent(pr, action, sender)),
    /** A person comments on an issue or PR; Probot receives the issue_comment webhook GitHub would send. */
    comment(number: number, body: string, login = 'bruce') {
      const id = github.addComment({
        owner: OWNER,
        repo: REPO,
        issue_number: number,
        body,
        user: { login, type: 'User' },
      });
      return receive('issue_comment', {
        action: 'created',
        issue: github.issuePayload(OWNER, REPO, number),
        comment: github.commentPayload(id),
        repository: github.repoPayload(OWNER, REPO),
        installation: { id: INSTALLATION },
        sender: { login, type: 'User', id: 8 },
      });
    },
    planComment: (pr: number) => github.comments(OWNER, REPO, pr).find((c) => c.body.includes('infra-bot:plan')),
    /** The app's own comments. */
    repliesTo: (number: number) =>
      github.comments(OWNER, REPO, number).filter((c) => c.user.type === 'Bot' && !c.body.startsWith('/infra')),
    planCheck: (pr: number) =>
      github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .find((run) => run.name === 'infra-bot / plan' && run.status === 'completed'),
    terraformCalls(): Array<{ argv: string[]; envNames: string[]; cwd: string }> {
      try {
        return readFileSync(sandbox.log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { argv: string[]; envNames: string[]; cwd: string });
      } catch {
        return [];
      }
    },
    async close() {
      await new Promise((closed) => server.close(closed));
      await store.close();
      await github.close();
      sandbox.cleanup();
    },
  };
  return story;
}

export type WorkflowStory = Awaited<ReturnType<typeof startWorkflowStory>>;
