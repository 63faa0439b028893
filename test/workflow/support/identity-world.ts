// The world of the identity workflow stories: the app in process with Slack and Okta doubles, an approver in Slack,
// and the steps every story takes (approve in Slack, merge, read a stack's state, list terraform runs).
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../../doubles/slack/server.js';
import type { SlackDouble } from '../../doubles/slack/server.js';
import { startOktaDouble } from '../../doubles/okta/server.js';
import type { DrainedJob } from '../../../src/app/in-process.js';
import { OWNER, REPO, startWorkflowStory } from './workflow-story.js';

const SIGNING_SECRET = 'workflowslacksigningsecret0123';
const SLACK_TOKEN = 'xoxb-workflow-token';
const OKTA_TOKEN = 'workflow-okta-token-0123456789';
export const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';

/** The repo config's approvals section for this world's Slack channel and approver. */
export const APPROVALS = `approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}]
  githubLogins: { ${APPROVER}: maria }
`;

export const allDone = (jobs: DrainedJob[]) =>
  expect(jobs.filter((job) => job.status !== 'done' && job.status !== 'superseded')).toEqual([]);

/** The double's state file of one stack (local backend: <dataDir>/state/<owner>/<repo>/<stack>.tfstate). */
export interface DoubleState {
  resources: Record<string, Record<string, unknown>>;
  outputs?: Record<string, { value: unknown }>;
}

export async function startIdentityWorld(files: Record<string, string>) {
  const slack: SlackDouble = await startSlackDouble({ token: SLACK_TOKEN, teamId: 'T0ACME', channels: [CHANNEL] });
  slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
  const okta = await startOktaDouble({ token: OKTA_TOKEN });
  const story = await startWorkflowStory({
    files,
    env: {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      OKTA_ORG_URL: okta.url,
      OKTA_API_TOKEN: OKTA_TOKEN,
    },
  });
  return {
    story,
    slack,
    /** The approver clicks Approve on the request for the PR's current head; the jobs it queues run. */
    async approve(pr: number) {
      const head = story.headSha(pr);
      const request = slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes(`|${pr}|${head}|`));
      expect(request).toBeDefined();
      const value = JSON.stringify(request!.blocks).match(/"value":"(1\|[^"]+)"/)?.[1] as string;
      const clicked = await sendInteraction(
        `${story.url}/slack/events`,
        blockActionsPayload({
          actionId: 'infra_bot_approve',
          value,
          userId: APPROVER,
          teamId: 'T0ACME',
          channelId: CHANNEL,
          messageTs: request!.ts,
        }),
        { signingSecret: SIGNING_SECRET },
      );
      expect(clicked.status).toBe(200);
      allDone(await story.drain());
    },
    /** GitHub merges the PR; the apply it queues runs. Returns the jobs that ran. */
    async merge(pr: number): Promise<DrainedJob[]> {
      story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
      await story.sendPr(pr, 'closed');
      const ran = await story.drain();
      allDone(ran);
      return ran;
    },
    /**
     * A change that lands as every change does: a PR opened and planned, approved in Slack, merged and applied.
     * Returns the PR's number and the app's replies on it.
     */
    async land(branch: string, files: Record<string, string>, title: string) {
      const pr = story.openPr(branch, files, title);
      await story.sendPr(pr, 'opened');
      allDone(await story.drain());
      await this.approve(pr);
      await this.merge(pr);
      return { pr, replies: story.repliesTo(pr).map((comment) => comment.body) };
    },
    stateOf: (stack: string): DoubleState =>
      JSON.parse(
        readFileSync(join(story.sandbox.dataDir, 'state', OWNER, REPO, `${stack}.tfstate`), 'utf8'),
      ) as DoubleState,
    /** The stacks terraform ran `what` in, in order (a run's folder ends with its stack). */
    ranIn: (what: string) =>
      story
        .terraformCalls()
        .filter((call) => call.argv[0] === what)
        .map((call) => call.cwd.split('/').at(-1)!),
    async close() {
      await story.close();
      await slack.close();
      await okta.close();
    },
  };
}

export type IdentityWorld = Awaited<ReturnType<typeof startIdentityWorld>>;
