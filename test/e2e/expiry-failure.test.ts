import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG, devbox } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const config = `${CONFIG}approvals:\n  slackChannel: ${CHANNEL}\n  approvers: [${APPROVER}]\n  githubLogins: { ${APPROVER}: maria }\n`;

describe('e2e › a destroy at a deadline that keeps failing is announced, kept, and done once terraform works', () => {
  let story: Story;
  let slack: SlackDouble;
  let clockFile: string;

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    story = await startStory({
      files: { '.github/infra.yml': config },
      env: {
        SLACK_BOT_TOKEN: 'xoxb-e2e-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        INFRA_BOT_DEADLINE_SWEEP_MS: '300',
      },
      clock: true,
    });
    clockFile = join(story.sandbox.dir, 'clock-offset');
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  it('apply → ttl passes while terraform fails → a tracking issue and a Slack notice → terraform works → destroyed', async () => {
    const pr = story.openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') }, 'Devbox');
    await story.sendPr(pr, 'opened');
    const request = await waitFor('the approval request', () =>
      slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes('infra_bot_approve')),
    );
    const value = JSON.stringify(request.blocks).match(/"value":"(1\|[^"]+)"/)?.[1] as string;
    await sendInteraction(
      `${story.app.url}/slack/events`,
      blockActionsPayload({
        actionId: 'infra_bot_approve',
        value,
        userId: APPROVER,
        teamId: 'T0ACME',
        channelId: CHANNEL,
        messageTs: request.ts,
      }),
      { signingSecret: SIGNING_SECRET },
    );
    await waitFor('the approval comment', () =>
      story.repliesTo(pr).find((c) => c.body.includes('Approved in Slack by')),
    );
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    await waitFor('the apply comment', () => story.repliesTo(pr).find((c) => c.body.includes('✅ Applied')), 45_000);

    // The ttl (3m) passes while every terraform apply fails.
    story.sandbox.setFaults({ TF_DOUBLE_FAIL: 'apply' });
    writeFileSync(clockFile, String(4 * 60_000));
    const notice = await waitFor(
      'the Slack notice of the failing destroy',
      () => slack.messages(CHANNEL).find((m) => m.text.includes('could not destroy it')),
      90_000,
    );
    const issue = Number(notice.text.match(new RegExp(`${OWNER}/${REPO}#(\\d+)`))?.[1]);
    const tracking = story.github.issuePayload(OWNER, REPO, issue) as { title: string; body: string };
    expect(tracking.title).toBe('infra-bot: the expiry of Ec2Instance/bruce-devbox is failing');
    expect(tracking.body).toContain('`terraform:apply`');
    expect(tracking.body).toContain('/infra extend Ec2Instance/bruce-devbox');
    expect(story.github.pulls(OWNER, REPO).some((p) => p.head.startsWith('infra-bot/expire/'))).toBe(false);
    const metrics = await (await fetch(`${story.app.url}/metrics`)).text();
    expect(metrics).toMatch(/infra_bot_jobs_failed_total\{kind="deadline.expire",category="config"\} 1/);

    // Terraform works again; the next hourly slot destroys it.
    story.sandbox.setFaults({});
    writeFileSync(clockFile, String(4 * 60_000 + 61 * 60_000));
    await waitFor(
      'the expiry PR',
      () => story.github.pulls(OWNER, REPO).find((p) => p.head.startsWith('infra-bot/expire/')),
      60_000,
    );
    await waitFor('the Slack expiry notice', () => slack.messages(CHANNEL).find((m) => m.text.includes('expired')));
  }, 240_000);
});
