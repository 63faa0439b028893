import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectsGraphql } from '../doubles/github/projects-graphql.js';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { sendWebhook, waitFor } from './support/app-process.js';
import { CONFIG, devbox } from './support/fixtures.js';
import { INSTALLATION, OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const AUTHOR_IN_SLACK = 'U0BRUCE01';
const STRANGER = 'U0EVE0001';

const config = `${CONFIG}approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}, ${AUTHOR_IN_SLACK}]
  githubLogins: { ${APPROVER}: maria, ${AUTHOR_IN_SLACK}: bruce }
project: { org: ${OWNER}, number: 7 }
`;

describe('e2e › the whole story: PR → plan → Slack approval → merge → apply → card Done → TTL → destroy → spec removed', () => {
  let story: Story;
  let slack: SlackDouble;
  let board: ProjectsGraphql;
  let projectId: string;
  let clockFile: string;

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    slack.addUser({ id: AUTHOR_IN_SLACK, name: 'bruce', email: 'bruce.lee@demoac.com' });
    slack.addUser({ id: STRANGER, name: 'eve', email: 'eve@elsewhere.test' });
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
    board = new ProjectsGraphql();
    projectId = board.addProject({ owner: OWNER, number: 7 });
    board.install(story.github);
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  const click = (userId: string, action: 'approve' | 'reject', value: string, ts: string) =>
    sendInteraction(
      `${story.app.url}/slack/events`,
      blockActionsPayload({
        actionId: action === 'approve' ? 'infra_bot_approve' : 'infra_bot_reject',
        value,
        userId,
        teamId: 'T0ACME',
        channelId: CHANNEL,
        messageTs: ts,
      }),
      { signingSecret: SIGNING_SECRET },
    );

  it('runs from intent to expiry, with every refusal along the way', async () => {
    // 1. PR → plan → approval request in Slack, status pending, card "Backlog".
    const pr = story.openPr(
      'devbox',
      { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') },
      'Devbox for Bruce',
    );
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    const request = await waitFor('the approval request', () =>
      slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes('infra_bot_approve')),
    );
    const value = JSON.stringify(request.blocks).match(/"value":"(1\|[^"]+)"/)?.[1] as string;
    expect(value).toContain(`${OWNER}/${REPO}`);
    const head = story.headSha(pr);
    const status = () =>
      story.github
        .statuses(OWNER, REPO, head)
        .filter((s) => s.context === 'infra-bot/approval')
        .at(-1);
    await waitFor('pending status', () => status()?.state === 'pending' || undefined);
    const nodeId = (story.github.pullPayload(OWNER, REPO, pr) as { node_id: string }).node_id;
    await waitFor('card in Backlog', () => board.columnOf(projectId, nodeId) === 'Backlog' || undefined);

    // 2. Refusals: a stranger, the author, a bad signature. Nothing is recorded.
    await click(STRANGER, 'approve', value, request.ts);
    await click(AUTHOR_IN_SLACK, 'approve', value, request.ts);
    const forged = await sendInteraction(
      `${story.app.url}/slack/events`,
      blockActionsPayload({ actionId: 'infra_bot_approve', value, userId: APPROVER, teamId: 'T0ACME' }),
      { signingSecret: 'not-the-secret' },
    );
    expect(forged.status).toBe(401);
    await waitFor('two ephemeral refusals', () => (slack.ephemerals.length >= 2 ? slack.ephemerals : undefined));
    expect(slack.ephemerals.map((e) => e.user).sort()).toEqual([AUTHOR_IN_SLACK, STRANGER].sort());
    expect(status()?.state).toBe('pending');

    // 3. An allowed approver approves (twice: the replay records nothing new).
    await click(APPROVER, 'approve', value, request.ts);
    await click(APPROVER, 'approve', value, request.ts);
    await waitFor('approval status success', () => status()?.state === 'success' || undefined);
    const approvals = () => story.repliesTo(pr).filter((c) => c.body.includes('Approved in Slack by'));
    await waitFor('the approval comment', () => approvals()[0]);
    await waitFor(
      'the Slack message shows the decision',
      () => JSON.stringify(slack.message(CHANNEL, request.ts)?.blocks ?? []).includes('Approved by') || undefined,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(approvals()).toHaveLength(1);

    // 4. Merge → apply → card Done → comment and Slack.
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const applied = await waitFor(
      'the apply comment',
      () => story.repliesTo(pr).find((c) => c.body.includes('✅ Applied')),
      45_000,
    );
    expect(applied.body).toContain('ec2-bruce-devbox');
    expect(story.terraformCalls().some((call) => call.argv[0] === 'apply')).toBe(true);
    await waitFor('card in Done', () => board.columnOf(projectId, nodeId) === 'Done' || undefined);
    await waitFor('Slack apply notice', () =>
      slack.messages(CHANNEL).find((m) => m.text.includes('applied ec2-bruce-devbox')),
    );

    // 5. The ttl (3m) passes: the stack is destroyed and the spec removed from the default branch.
    writeFileSync(clockFile, String(4 * 60_000));
    const removal = await waitFor(
      'the expiry PR',
      () => story.github.pulls(OWNER, REPO).find((p) => p.head.startsWith('infra-bot/expire/')),
      45_000,
    );
    const destroyPlans = story
      .terraformCalls()
      .filter((call) => call.argv[0] === 'plan' && call.argv.includes('-destroy'));
    expect(destroyPlans.length).toBeGreaterThan(0);
    await waitFor('Slack expiry notice', () => slack.messages(CHANNEL).find((m) => m.text.includes('expired')));
    // GitHub would now send the webhook for the PR the app opened; its plan is empty, so it merges itself.
    await sendWebhook(story.app.url, 'pull_request', {
      action: 'opened',
      number: removal.number,
      pull_request: story.github.pullPayload(OWNER, REPO, removal.number),
      repository: story.github.repoPayload(OWNER, REPO),
      installation: { id: INSTALLATION },
      sender: { login: 'infra-bot[bot]', type: 'Bot', id: 9 },
    });
    await waitFor(
      'the expiry PR merged',
      () => story.github.pulls(OWNER, REPO).find((p) => p.number === removal.number && p.merged),
      45_000,
    );
    expect(story.github.readFile(OWNER, REPO, 'main', 'infra-specs/compute/devbox.yaml')).toBeNull();
  }, 180_000);
});
