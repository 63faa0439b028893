import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOktaDouble, type OktaDouble } from '../doubles/okta/server.js';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG, bucket } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const OKTA_TOKEN = 'e2e-okta-token-0123456789';
const config = `${CONFIG}approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}]
  githubLogins: { ${APPROVER}: maria }
`;
const group = (name: string) => `apiVersion: infra-bot/v1
kind: OktaGroup
metadata:
  name: ${name}
  owner: lead@demoac.com
spec:
  description: The ${name} team
`;

interface LogLine {
  msg?: string;
  kind?: string;
  pr?: number;
  outcome?: string;
}

// Issue #17: a PR told "locked by #N" is planned when that lock frees (merge + apply, close, /infra unlock),
// by the release itself, not by the reconcile sweep (set to a day here).
describe('e2e › a PR waiting on a lock is planned when the lock frees', () => {
  let story: Story;
  let slack: SlackDouble;
  let okta: OktaDouble;

  beforeAll(async () => {
    okta = await startOktaDouble({ token: OKTA_TOKEN });
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    story = await startStory({
      files: { '.github/infra.yml': config },
      env: {
        SLACK_BOT_TOKEN: 'xoxb-e2e-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        OKTA_ORG_URL: okta.url,
        OKTA_API_TOKEN: OKTA_TOKEN,
        INFRA_BOT_RECONCILE_MS: '86400000',
        LOG_LEVEL: 'info',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
    await okta?.close();
  });

  const click = (value: string, ts?: string) =>
    sendInteraction(
      `${story.app.url}/slack/events`,
      blockActionsPayload({
        actionId: 'infra_bot_approve',
        value,
        userId: APPROVER,
        teamId: 'T0ACME',
        channelId: CHANNEL,
        ...(ts && { messageTs: ts }),
      }),
      { signingSecret: SIGNING_SECRET },
    );
  const approvalRequest = (pr: number) =>
    slack
      .messages(CHANNEL)
      .map((message) => ({ message, value: JSON.stringify(message.blocks ?? []).match(/"value":"(1\|[^"]+)"/)?.[1] }))
      .find((found) => found.value?.includes(`${OWNER}/${REPO}|${pr}|${story.headSha(pr)}`));
  const jobLines = (): LogLine[] =>
    story.app
      .output()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      })
      .filter((line) => line.msg === 'job finished');
  const lockedComment = (pr: number, holder: number) =>
    waitFor(`#${pr} told locked by #${holder}`, () => story.planComment(pr)?.body.includes(`locked by #${holder}`));
  const plannedAfterWait = (pr: number) =>
    waitFor(`#${pr} planned`, () => {
      const body = story.planComment(pr)?.body;
      const latestCheck = story.github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .filter((run) => run.name === 'infra-bot / plan' && run.status === 'completed')
        .at(-1);
      return body !== undefined && !body.includes('locked by') && latestCheck?.conclusion === 'success'
        ? body
        : undefined;
    });

  it('#1 merges and applies › #4 (an OktaGroup) is planned and its approval requested; outcomes are logged', async () => {
    const first = story.openPr('group-a', { 'infra-specs/groups/platform.yaml': group('platform') }, 'Platform');
    await story.sendPr(first, 'opened');
    await story.waitForPlanCheck(first);
    const waiting = story.openPr('group-b', { 'infra-specs/groups/data.yaml': group('data') }, 'Data');
    await story.sendPr(waiting, 'opened');
    await lockedComment(waiting, first);

    const request = await waitFor('the approval request of the holder', () => approvalRequest(first));
    await click(request.value!, request.message.ts);
    await waitFor('the approval', () => story.repliesTo(first).find((c) => c.body.includes('Approved in Slack')));
    story.github.mergePull({ owner: OWNER, repo: REPO, number: first });
    await story.sendPr(first, 'closed');
    await waitFor('the apply', () => story.repliesTo(first).find((c) => c.body.includes('✅ Applied')), 45_000);

    const body = await plannedAfterWait(waiting);
    expect(body).toContain('identity');
    // #4 was branched before #1 merged: its plan is of the merge, so #1's group stays and only `data` is new.
    expect(body).toContain('This plan includes the current base');
    expect(body).toContain('1 spec file changed on `main` since this branch was created');
    expect(body).toContain('group_data');
    expect(body).not.toContain('group_platform');
    const waitingRequest = await waitFor('the approval request of the waiting PR', () => approvalRequest(waiting));
    const lines = jobLines();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'pr.apply', pr: first, outcome: expect.stringMatching(/appl/) }),
        expect.objectContaining({ kind: 'pr.evaluate', pr: waiting, outcome: 'planned 1 stack(s)' }),
      ]),
    );

    // Approved and merged with nothing else merged in between: the merge commit is what was planned, so it applies.
    await click(waitingRequest.value!, waitingRequest.message.ts);
    await waitFor('the approval of #4', () =>
      story.repliesTo(waiting).find((c) => c.body.includes('Approved in Slack')),
    );
    story.github.mergePull({ owner: OWNER, repo: REPO, number: waiting });
    await story.sendPr(waiting, 'closed');
    const applied = await waitFor(
      'the apply of #4',
      () => story.repliesTo(waiting).find((c) => /✅ Applied|not applied|not the Terraform/i.test(c.body)),
      45_000,
    );
    expect(applied.body).toContain('✅ Applied `identity`');
  }, 180_000);

  it('a PR whose spec the base changed differently since it branched › not planned, told which file conflicts', async () => {
    const early = story.openPr('conflict-a', { 'infra-specs/groups/ops.yaml': group('ops') }, 'Ops');
    const late = story.openPr(
      'conflict-b',
      { 'infra-specs/groups/ops.yaml': group('ops').replace('The ops team', 'Operations') },
      'Ops too',
      'maria',
    );
    story.github.mergePull({ owner: OWNER, repo: REPO, number: early });
    await story.sendPr(late, 'opened');
    const check = await story.waitForPlanCheck(late);
    expect(check.conclusion).toBe('failure');
    const body = story.planComment(late)!.body;
    expect(body).toContain('conflicts with `main`');
    expect(body).toContain('`infra-specs/groups/ops.yaml`');
    expect(body).toContain('Merge `main` into this branch (or rebase onto it)');
    expect(check.output.title).toBe('Conflicts with main in 1 file: merge or rebase main');
    // Nothing planned: no validate check either (the conflict is found before validation).
    const checks = story.github.checkRuns(OWNER, REPO, story.headSha(late)).map((run) => run.name);
    expect(checks).toEqual(['infra-bot / plan']);
  }, 60_000);

  it('a click naming a commit infra-bot never planned › is refused as such, not as "a newer push"', async () => {
    const pr = story.openPr('forged', { 'infra-specs/data/forged.yaml': bucket('forged') }, 'Forged');
    await story.sendPr(pr, 'opened');
    const request = await waitFor('the approval request', () => approvalRequest(pr));
    const forged = request.value!.replace(story.headSha(pr), `abc1234${'0'.repeat(33)}`);
    await click(forged, request.message.ts);
    const refusal = await waitFor('the refusal', () => slack.ephemerals.find((e) => e.text.includes('never planned')));
    expect(refusal.text).toContain(`names commit abc1234, which infra-bot never planned for ${OWNER}/${REPO}#${pr}`);
    expect(refusal.text).not.toContain('newer push');
    expect(story.repliesTo(pr).some((c) => c.body.includes('Approved in Slack'))).toBe(false);
  }, 60_000);

  it('/infra unlock on the holder › the waiting PR is planned without /infra plan', async () => {
    const holder = story.openPr('hold-u', { 'infra-specs/data/unl.yaml': bucket('unl') }, 'Hold');
    await story.sendPr(holder, 'opened');
    await story.waitForPlanCheck(holder);
    const waiting = story.openPr(
      'wait-u',
      { 'infra-specs/data/unl.yaml': bucket('unl').replace('versioning: true', 'versioning: false') },
      'Wait',
      'maria',
    );
    await story.sendPr(waiting, 'opened');
    await lockedComment(waiting, holder);
    await story.comment(holder, '/infra unlock');
    const reply = await waitFor('the unlock reply', () =>
      story.repliesTo(holder).find((c) => c.body.includes('Released')),
    );
    expect(reply.body).toContain(`Planning #${waiting}`);
    expect(await plannedAfterWait(waiting)).toContain('s3-unl');
  }, 60_000);

  it('the holder is closed unmerged › the waiting PR is planned; a closed waiter is not', async () => {
    const holder = story.openPr('hold-c', { 'infra-specs/data/cls.yaml': bucket('cls') }, 'Hold');
    await story.sendPr(holder, 'opened');
    await story.waitForPlanCheck(holder);
    const waiting = story.openPr(
      'wait-c',
      { 'infra-specs/data/cls.yaml': bucket('cls').replace('versioning: true', 'versioning: false') },
      'Wait',
      'maria',
    );
    const gone = story.openPr('gone-c', { 'infra-specs/data/cls.yaml': bucket('cls') }, 'Gone', 'maria');
    await story.sendPr(waiting, 'opened');
    await story.sendPr(gone, 'opened');
    await lockedComment(waiting, holder);
    await lockedComment(gone, holder);
    story.github.closePull(OWNER, REPO, gone);
    await story.sendPr(gone, 'closed');
    await waitFor('the closed waiter handled', () =>
      jobLines().find((line) => line.kind === 'pr.closed' && line.pr === gone),
    );

    story.github.closePull(OWNER, REPO, holder);
    await story.sendPr(holder, 'closed');
    expect(await plannedAfterWait(waiting)).toContain('s3-cls');
    await new Promise((r) => setTimeout(r, 1000));
    expect(jobLines().filter((line) => line.kind === 'pr.evaluate' && line.pr === gone)).toHaveLength(1);
  }, 60_000);
  // Last: it changes the config on main (every bucket's name prefix).
  it('planned against the merge, approved, then the base moves the same stack again › the merge is not applied', async () => {
    const pr = story.openPr('behind-twice', { 'infra-specs/data/twice.yaml': bucket('twice') }, 'Twice');
    story.github.commit(OWNER, REPO, 'main', { 'infra-specs/data/elsewhere.yaml': bucket('elsewhere') });
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    expect(story.planComment(pr)!.body).toContain('1 spec file changed on `main` since this branch was created');
    const request = await waitFor('the approval request', () => approvalRequest(pr));
    await click(request.value!, request.message.ts);
    await waitFor('the approval', () => story.repliesTo(pr).find((c) => c.body.includes('Approved in Slack')));
    story.github.commit(OWNER, REPO, 'main', {
      '.github/infra.yml': config.replace('s3: { namePrefix: acme }', 's3: { namePrefix: acme2 }'),
    });
    const applies = story.terraformCalls().filter((call) => call.argv[0] === 'apply').length;
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const told = await waitFor('the refusal', () =>
      story.repliesTo(pr).find((c) => c.body.includes('Merged but not applied')),
    );
    expect(told.body).toContain('`s3-twice`');
    expect(told.body).toContain('is not the Terraform that was approved');
    expect(story.terraformCalls().filter((call) => call.argv[0] === 'apply').length).toBe(applies);
  }, 90_000);
  it('approved, then the same head planned again after the base changed its stack › the old approval does not count', async () => {
    const pr = story.openPr('replanned', { 'infra-specs/data/again.yaml': bucket('again') }, 'Again');
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    const request = await waitFor('the approval request', () => approvalRequest(pr));
    await click(request.value!, request.message.ts);
    await waitFor('the approval', () => story.repliesTo(pr).find((c) => c.body.includes('Approved in Slack')));
    story.github.commit(OWNER, REPO, 'main', {
      '.github/infra.yml': config.replace('s3: { namePrefix: acme }', 's3: { namePrefix: acme3 }'),
    });
    const planChecks = () =>
      story.github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .filter((run) => run.name === 'infra-bot / plan' && run.status === 'completed');
    await story.comment(pr, '/infra plan');
    await waitFor('the second plan of the same head', () => planChecks().length >= 2 || undefined);
    const applies = story.terraformCalls().filter((call) => call.argv[0] === 'apply').length;
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    const told = await waitFor('the refusal', () =>
      story.repliesTo(pr).find((c) => c.body.includes('Merged but not applied')),
    );
    expect(told.body).toContain('has 0 of 1 required approvals');
    expect(told.body).toContain('1 approval was given to an earlier plan of this head whose Terraform differs');
    expect(story.terraformCalls().filter((call) => call.argv[0] === 'apply').length).toBe(applies);
  }, 90_000);
});
