// The story of test/e2e/approval-apply-expiry.test.ts, in process: the same doubles and assertions, but webhooks go
// through Probot's receive(), jobs run when drained and the ttl passes by moving the clock. Each step depends on
// the one before it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectsGraphql } from '../doubles/github/projects-graphql.js';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { CONFIG, devbox } from '../e2e/support/fixtures.js';
import type { DrainedJob } from '../../src/app/in-process.js';
import { JOB_KINDS } from '../../src/workflow/job-kinds.js';
import { OWNER, REPO, startWorkflowStory } from './support/workflow-story.js';
import type { WorkflowStory } from './support/workflow-story.js';

const SIGNING_SECRET = 'workflowslacksigningsecret0123';
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

/** Every job a drain ran finished (none failed, none left for a retry). */
const allDone = (jobs: DrainedJob[]) =>
  expect(jobs.filter((job) => job.status !== 'done' && job.status !== 'superseded')).toEqual([]);
const kinds = (jobs: DrainedJob[]) => jobs.map((job) => job.kind);

describe('workflow › PR → plan → Slack approval → merge → apply → card Done → ttl → destroy → spec removed', () => {
  let story: WorkflowStory;
  let slack: SlackDouble;
  let board: ProjectsGraphql;
  let projectId: string;
  let pr: number;
  let head: string;
  let request: { ts: string; blocks?: unknown };
  let value: string;

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-workflow-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    slack.addUser({ id: AUTHOR_IN_SLACK, name: 'bruce', email: 'bruce.lee@demoac.com' });
    slack.addUser({ id: STRANGER, name: 'eve', email: 'eve@elsewhere.test' });
    story = await startWorkflowStory({
      files: { '.github/infra.yml': config },
      env: {
        SLACK_BOT_TOKEN: 'xoxb-workflow-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      },
    });
    board = new ProjectsGraphql();
    projectId = board.addProject({ owner: OWNER, number: 7 });
    board.install(story.github);
  });
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  const click = (userId: string, action: 'approve' | 'reject', signingSecret = SIGNING_SECRET) =>
    sendInteraction(
      `${story.url}/slack/events`,
      blockActionsPayload({
        actionId: action === 'approve' ? 'infra_bot_approve' : 'infra_bot_reject',
        value,
        userId,
        teamId: 'T0ACME',
        channelId: CHANNEL,
        messageTs: request.ts,
      }),
      { signingSecret },
    );
  const approvalStatus = () =>
    story.github
      .statuses(OWNER, REPO, head)
      .filter((status) => status.context === 'infra-bot/approval')
      .at(-1);
  const approvalComments = () => story.repliesTo(pr).filter((c) => c.body.includes('Approved in Slack by'));

  it('PR opened › one plan comment, a completed plan check, an approval request, a pending status, card in Backlog', async () => {
    pr = story.openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') }, 'Devbox for Bruce');
    head = story.headSha(pr);
    await story.sendPr(pr, 'opened');
    expect(await story.store.countJobsByStateAndKind()).toContainEqual(expect.objectContaining({ status: 'queued' }));

    const ran = await story.drain();
    allDone(ran);
    expect(kinds(ran)).toEqual(expect.arrayContaining([JOB_KINDS.evaluatePullRequest, JOB_KINDS.requestApproval]));
    expect(story.planComment(pr)?.body).toContain('ec2-bruce-devbox');
    expect(story.planCheck(pr)?.conclusion).toBe('success');
    expect(story.terraformCalls().some((call) => call.argv[0] === 'plan')).toBe(true);
    const found = slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes('infra_bot_approve'));
    expect(found).toBeDefined();
    request = found!;
    value = JSON.stringify(request.blocks).match(/"value":"(1\|[^"]+)"/)?.[1] as string;
    expect(value).toContain(`${OWNER}/${REPO}`);
    expect(approvalStatus()?.state).toBe('pending');
    expect(board.columnOf(projectId, story.nodeId(pr))).toBe('Backlog');
  });

  it('Slack › a stranger, the author and a forged signature are refused and nothing is recorded', async () => {
    await click(STRANGER, 'approve');
    await click(AUTHOR_IN_SLACK, 'approve');
    const forged = await click(APPROVER, 'approve', 'not-the-secret');
    expect(forged.status).toBe(401);
    allDone(await story.drain());
    expect(slack.ephemerals.map((e) => e.user).sort()).toEqual([AUTHOR_IN_SLACK, STRANGER].sort());
    expect(approvalStatus()?.state).toBe('pending');
    expect(approvalComments()).toEqual([]);
  });

  it('Slack › an approver’s click (twice) records one approval: status success, one comment, the message shows it', async () => {
    expect((await click(APPROVER, 'approve')).status).toBe(200);
    expect((await click(APPROVER, 'approve')).status).toBe(200);
    allDone(await story.drain());
    expect(approvalStatus()?.state).toBe('success');
    expect(approvalComments()).toHaveLength(1);
    expect(JSON.stringify(slack.message(CHANNEL, request.ts)?.blocks ?? [])).toContain('Approved by');
  });

  it('merge › apply: the apply comment, terraform apply, card Done, a Slack notice', async () => {
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const ran = await story.drain();
    allDone(ran);
    expect(kinds(ran)).toContain(JOB_KINDS.applyPullRequest);
    const applied = story.repliesTo(pr).find((c) => c.body.includes('✅ Applied'));
    expect(applied?.body).toContain('ec2-bruce-devbox');
    expect(story.terraformCalls().some((call) => call.argv[0] === 'apply')).toBe(true);
    expect(board.columnOf(projectId, story.nodeId(pr))).toBe('Done');
    expect(slack.messages(CHANNEL).some((m) => m.text.includes('applied ec2-bruce-devbox'))).toBe(true);
  });

  it('the ttl (3m) passes › the stack is destroyed, the spec removed through a PR that merges itself', async () => {
    expect(await story.drain()).toEqual([]);
    story.clock.advance(4 * 60_000);
    const expired = await story.drain();
    allDone(expired);
    expect(kinds(expired)).toContain(JOB_KINDS.expireSpec);
    const removal = story.github.pulls(OWNER, REPO).find((p) => p.head.startsWith('infra-bot/expire/'));
    expect(removal).toBeDefined();
    const destroyPlans = story
      .terraformCalls()
      .filter((call) => call.argv[0] === 'plan' && call.argv.includes('-destroy'));
    expect(destroyPlans.length).toBeGreaterThan(0);
    expect(slack.messages(CHANNEL).some((m) => m.text.includes('expired'))).toBe(true);

    // GitHub would now send the webhook for the PR the app opened; its plan is empty, so it merges itself.
    await story.sendPr(removal!.number, 'opened', { login: 'infra-bot[bot]', type: 'Bot' });
    allDone(await story.drain());
    expect(story.github.pulls(OWNER, REPO).find((p) => p.number === removal!.number)?.merged).toBe(true);
    expect(story.github.readFile(OWNER, REPO, 'main', 'infra-specs/compute/devbox.yaml')).toBeNull();
  });
});
