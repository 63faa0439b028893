import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectsGraphql } from '../doubles/github/projects-graphql.js';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG, bucket } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

// The specs folder is named with a trailing comment: a line-based reader would fall back to infra-specs/ (where a
// decoy spec lives in every story) and plan the wrong thing.
const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const config = `${CONFIG.replace('specsDir: infra-specs', 'specsDir: specs # where the specs live')}project:
  org: ${OWNER}
  number: 7
  columns: { notApplied: Not applied }
approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}]
  githubLogins: { ${APPROVER}: maria }
`;

describe('e2e › merged but not applied: the PR, the card, status and the next plan all say so', () => {
  let story: Story;
  let slack: SlackDouble;
  let board: ProjectsGraphql;
  let projectId: string;

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    story = await startStory({
      files: { '.github/infra.yml': config },
      env: { SLACK_BOT_TOKEN: 'xoxb-e2e-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
    });
    board = new ProjectsGraphql();
    projectId = board.addProject({
      owner: OWNER,
      number: 7,
      singleSelect: { Status: ['Backlog', 'In Progress', 'Done', 'Not applied'] },
    });
    board.install(story.github);
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  /** Maria approves the plan of the PR's current head in Slack. */
  async function approve(pr: number) {
    const head = story.headSha(pr);
    const request = await waitFor(`the approval request of #${pr}`, () =>
      slack.messages(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes(`|${pr}|${head}|`)),
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
    await waitFor(`the approval comment on #${pr}`, () =>
      story.repliesTo(pr).find((c) => c.body.includes('Approved in Slack by')),
    );
  }

  const nodeIdOf = (pr: number) => (story.github.pullPayload(OWNER, REPO, pr) as { node_id: string }).node_id;
  const column = (pr: number) => board.columnOf(projectId, nodeIdOf(pr));
  const replyWith = (pr: number, text: string) =>
    waitFor(`a reply on #${pr} with "${text}"`, () => story.repliesTo(pr).find((c) => c.body.includes(text)), 45_000);

  it('/infra plan alone (no webhook) › plans the configured folder and puts the card in the planned column', async () => {
    const pr = story.openPr('plan-only', { 'specs/data/reports.yaml': bucket('reports') }, 'Reports bucket');
    await story.comment(pr, '/infra plan');
    await story.waitForPlanCheck(pr);
    const comment = await waitFor('the plan comment', () => story.planComment(pr));
    expect(comment.body).toContain('s3-reports');
    // The decoy under infra-specs/ is not part of this repository's specs.
    expect(comment.body).not.toContain('security-engineering');
    await waitFor('card in Backlog after /infra plan', () => column(pr) === 'Backlog' || undefined);
  }, 60_000);

  it('merged without approval › not applied: PR told why and what to do, card "Not applied", status lists it; the next plan of the stack says so', async () => {
    const pr = story.openPr('logs', { 'specs/data/logs.yaml': bucket('logs') }, 'Logs bucket');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    await waitFor('card in Backlog', () => column(pr) === 'Backlog' || undefined);

    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const told = await replyWith(pr, 'Merged but not applied');
    expect(told.body).toContain('`s3-logs`');
    expect(told.body).toContain('0 of 1 required approvals');
    expect(told.body).toContain('follow-up PR');
    expect(story.terraformCalls().some((call) => call.argv[0] === 'apply')).toBe(false);
    await waitFor('card in "Not applied"', () => column(pr) === 'Not applied' || undefined);

    await story.comment(pr, '/infra status');
    const status = await replyWith(pr, 'infra-bot status');
    expect(status.body).toContain('Merged but not applied');
    expect(status.body).toMatch(new RegExp(`s3-logs\` from #${pr}`));

    // A follow-up PR touching the stack: its plan carries the unapplied change, and says so.
    const followUp = story.openPr(
      'logs-v2',
      { 'specs/data/logs.yaml': bucket('logs').replace('versioning: true', 'versioning: false') },
      'Logs bucket without versioning',
    );
    await story.sendPr(followUp, 'opened');
    await story.waitForPlanCheck(followUp);
    const plan = await waitFor('the follow-up plan', () => story.planComment(followUp));
    expect(plan.body).toMatch(
      new RegExp(`changes merged in \\\\?#${pr} that were never applied; this plan includes them`),
    );

    // The follow-up is approved and merged: the stack is applied, and the state clears.
    await approve(followUp);
    story.github.mergePull({ owner: OWNER, repo: REPO, number: followUp });
    await story.sendPr(followUp, 'closed');
    const applied = await replyWith(followUp, '✅ Applied');
    expect(applied.body).toContain('s3-logs');
    await waitFor('follow-up card in Done', () => column(followUp) === 'Done' || undefined);
    await story.comment(pr, '/infra status');
    const after = await waitFor(
      'a second status reply',
      () => story.repliesTo(pr).filter((c) => c.body.includes('infra-bot status'))[1],
    );
    expect(after.body).not.toContain('Merged but not applied');
  }, 150_000);

  it('the head changed right before the merge › the unplanned head is not applied and the PR says so', async () => {
    const pr = story.openPr('quick', { 'specs/data/quick.yaml': bucket('quick') }, 'Quick bucket');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    const planned = story.headSha(pr);
    // A push, then the merge, before any plan of the new head (its webhook never arrives).
    story.github.commit(OWNER, REPO, 'quick', {
      'specs/data/quick.yaml': bucket('quick').replace('versioning: true', 'versioning: false'),
    });
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const told = await replyWith(pr, 'Merged but not applied');
    expect(told.body).toContain('`s3-quick`');
    expect(told.body).toContain('was never planned or approved');
    expect(told.body).toContain(`the last plan was for ${planned.slice(0, 7)}`);
    await waitFor('card in "Not applied"', () => column(pr) === 'Not applied' || undefined);
  }, 90_000);
  it('approved, but the default branch changed the same stack before the merge › the stale plan is not applied', async () => {
    const pr = story.openPr('stale', { 'specs/data/stale.yaml': bucket('stale') }, 'Stale bucket');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    await approve(pr);
    // Another change lands first: every bucket's name prefix moves, so s3-stale is no longer what was approved.
    story.github.commit(OWNER, REPO, 'main', {
      '.github/infra.yml': config.replace('s3: { namePrefix: acme }', 's3: { namePrefix: acme2 }'),
    });
    const applies = story.terraformCalls().filter((call) => call.argv[0] === 'apply').length;
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const told = await replyWith(pr, 'Merged but not applied');
    expect(told.body).toContain('`s3-stale`');
    expect(told.body).toContain('is not the Terraform that was approved');
    expect(story.terraformCalls().filter((call) => call.argv[0] === 'apply').length).toBe(applies);
    await waitFor('card in "Not applied"', () => column(pr) === 'Not applied' || undefined);
  }, 90_000);

  it('approved, but the plan at apply time fails › nothing applied, the PR says which stack and why', async () => {
    const pr = story.openPr('flaky', { 'specs/data/flaky.yaml': bucket('flaky') }, 'Flaky bucket');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    await approve(pr);
    const applies = story.terraformCalls().filter((call) => call.argv[0] === 'apply').length;
    story.sandbox.setFaults({ TF_DOUBLE_FAIL: 'plan' });
    try {
      story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
      await story.sendPr(pr, 'closed');
      const told = await replyWith(pr, 'Merged but not applied');
      expect(told.body).toContain('nothing was applied to `s3-flaky`');
      expect(story.terraformCalls().filter((call) => call.argv[0] === 'apply').length).toBe(applies);
      await waitFor('card in "Not applied"', () => column(pr) === 'Not applied' || undefined);
    } finally {
      story.sandbox.setFaults({});
    }
  }, 90_000);

  // Last: it breaks the default branch's config for the rest of the story.
  it('an invalid config on the default branch › every PR and command says so, nothing is read with defaults', async () => {
    const plansBefore = story.terraformCalls().filter((call) => call.argv[0] === 'plan').length;
    story.github.commit(OWNER, REPO, 'main', { '.github/infra.yml': `${config}specsDir: ../outside\n` });
    const pr = story.openPr('after-break', { 'specs/data/late.yaml': bucket('late') }, 'Late bucket');
    await story.sendPr(pr, 'opened');
    const validate = await waitFor('the validate check', () =>
      story.github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .find((run) => run.name === 'infra-bot / validate' && run.status === 'completed'),
    );
    expect(validate.conclusion).toBe('failure');
    const messages = validate.annotations.map((a) => `${a.path}:${a.start_line} ${a.message}`);
    expect(messages.some((m) => m.startsWith('.github/infra.yml:') && m.includes('is invalid'))).toBe(true);
    expect(story.terraformCalls().filter((call) => call.argv[0] === 'plan').length).toBe(plansBefore);

    const issue = story.github.openIssue({ owner: OWNER, repo: REPO, title: 'A bucket please' });
    await story.comment(issue, '/infra new S3Bucket name=wanted');
    const refusal = await replyWith(issue, 'is invalid');
    expect(refusal.body).toContain('.github/infra.yml');
    expect(story.github.pulls(OWNER, REPO).some((p) => p.title.includes('wanted'))).toBe(false);
  }, 90_000);
});
