import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG, devbox } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

// The repo names a channel the bot was never invited to: Slack answers channel_not_found.
const CHANNEL = 'C0APPROVALS';

describe('e2e › an approval request Slack refuses is told on the PR, once, and not retried', () => {
  let story: Story;
  let slack: SlackDouble;

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: ['C0ELSEWHERE'] });
    story = await startStory({
      files: { '.github/infra.yml': `${CONFIG}approvals:\n  slackChannel: ${CHANNEL}\n` },
      env: { SLACK_BOT_TOKEN: 'xoxb-e2e-token', SLACK_API_URL: slack.apiUrl },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  it('PR → plan → the approval request fails: a PR comment with what to fix, the status, the metric, /infra status', async () => {
    const pr = story.openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') }, 'Devbox');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    const comment = await waitFor('the failure comment', () =>
      story.repliesTo(pr).find((c) => c.body.includes('could not deliver the approval request')),
    );
    expect(comment.body).toContain(`invite @infra-bot to ${CHANNEL}`);
    expect(comment.body).toContain('`slack:channel_not_found`');
    expect(comment.body).toContain('not retried');
    const status = await waitFor('the approval status', () =>
      (story.github.statuses(OWNER, REPO, story.headSha(pr)) as Array<{ context: string; description: string }>).find(
        (s) => s.context === 'infra-bot/approval' && s.description.includes('slack:channel_not_found'),
      ),
    );
    expect(status).toBeDefined();
    const metrics = await (await fetch(`${story.app.url}/metrics`)).text();
    expect(metrics).toContain('infra_bot_jobs_failed_total{kind="approval.request",category="config"} 1');
    // Not retried: one attempt at Slack, one comment.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(story.repliesTo(pr).filter((c) => c.body.includes('could not deliver'))).toHaveLength(1);

    const issue = story.github.openIssue({ owner: OWNER, repo: REPO, title: 'where are we' });
    await story.comment(issue, '/infra status');
    const reply = await waitFor('the status reply', () =>
      story.repliesTo(issue).find((c) => c.body.includes('infra-bot status')),
    );
    expect(reply.body).toContain('**Jobs that failed in the last 7 days (1)**');
    expect(reply.body).toContain(`\`approval.request\` for #${pr}`);
  });
});
