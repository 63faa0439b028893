// Issue 13 end to end, the server as a process with two worker threads: in a repository of 10,000 people in 500
// groups (identity.stackLayout: per-spec), two onboarding PRs plan at the same time, each locking and planning only its
// own person's stack, and both apply, the second-opened merged first. And an installation on the shared identity
// stack moves to per-spec stacks with nothing destroyed and every object keeping its id.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOktaDouble, type OktaDouble } from '../doubles/okta/server.js';
import { blockActionsPayload, sendInteraction, startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const OKTA_TOKEN = 'e2e-okta-token-0123456789';
const config = `${CONFIG}identity: { stackLayout: per-spec }
approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}]
  githubLogins: { ${APPROVER}: maria }
`;
const person = (name: string, team: string) =>
  `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: ${name}\nspec:\n  email: ${name}@demoac.com\n` +
  `  firstName: ${name}\n  lastName: Tester\n  groups:\n    - ${team}\n`;
const team = (name: string) =>
  `apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: ${name}\n  owner: lead@demoac.com\nspec:\n  description: The ${name}\n`;

function organisation(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let t = 0; t < 500; t++) files[`infra-specs/groups/team-${t}.yaml`] = team(`team-${t}`);
  for (let p = 0; p < 10_000; p++) files[`infra-specs/people/p-${p}.yaml`] = person(`p-${p}`, `team-${p % 500}`);
  return files;
}

interface Call {
  argv: string[];
  cwd: string;
  startedAt: number;
}

/** The server as a process with Slack (an approver) and Okta doubles, and the steps of an approved change. */
async function startIdentityStory(files: Record<string, string>) {
  const okta: OktaDouble = await startOktaDouble({ token: OKTA_TOKEN });
  const slack: SlackDouble = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
  slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
  const story: Story = await startStory({
    files,
    env: {
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      OKTA_ORG_URL: okta.url,
      OKTA_API_TOKEN: OKTA_TOKEN,
      INFRA_BOT_WORKERS: '2',
    },
  });
  const approvalRequest = (pr: number) =>
    slack
      .messages(CHANNEL)
      .map((message) => ({ message, value: JSON.stringify(message.blocks ?? []).match(/"value":"(1\|[^"]+)"/)?.[1] }))
      .find((found) => found.value?.includes(`${OWNER}/${REPO}|${pr}|${story.headSha(pr)}`));
  return {
    story,
    async approve(pr: number) {
      const request = await waitFor(`the approval request of #${pr}`, () => approvalRequest(pr), 60_000);
      const clicked = await sendInteraction(
        `${story.app.url}/slack/events`,
        blockActionsPayload({
          actionId: 'infra_bot_approve',
          value: request.value!,
          userId: APPROVER,
          teamId: 'T0ACME',
          channelId: CHANNEL,
          messageTs: request.message.ts,
        }),
        { signingSecret: SIGNING_SECRET },
      );
      expect(clicked.status).toBe(200);
      await waitFor(`#${pr} approved`, () => story.repliesTo(pr).find((c) => c.body.includes('Approved in Slack')));
    },
    /** Merged; waits for the apply's report naming `stack`. */
    async mergeAndApply(pr: number, stack: string) {
      story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
      await story.sendPr(pr, 'closed');
      await waitFor(
        `#${pr} applied`,
        () => story.repliesTo(pr).find((c) => c.body.includes('✅ Applied') && c.body.includes(`\`${stack}\``)),
        90_000,
      );
    },
    async close() {
      await story.close();
      await slack.close();
      await okta.close();
    },
  };
}

describe('e2e › per-spec identity stacks in a 10,000-person repository: onboarding PRs plan side by side', () => {
  let world: Awaited<ReturnType<typeof startIdentityStory>>;
  const story = () => world.story;
  const approve = (pr: number) => world.approve(pr);
  const mergeAndApply = (pr: number, stack: string) => world.mergeAndApply(pr, stack);

  beforeAll(async () => {
    world = await startIdentityStory({ '.github/infra.yml': config, ...organisation() });
  }, 120_000);
  afterAll(async () => world?.close());

  const callsIn = (stack: string) =>
    (story().terraformCalls() as unknown as Call[]).filter((call) => call.cwd.split('/').at(-1) === stack);

  it('the group the newcomers join › applied in its own stack first', async () => {
    const pr = story().openPr('team', { 'infra-specs/groups/security.yaml': team('security-engineering') }, 'Team');
    await story().sendPr(pr, 'opened');
    expect((await waitFor('the group PR planned', () => story().planCheck(pr), 90_000)).conclusion).toBe('success');
    await approve(pr);
    await mergeAndApply(pr, 'okta-group-security-engineering');
  }, 240_000);

  it('two onboarding PRs › plan at the same time, each only its own stack, then apply in either order', async () => {
    // Every terraform step takes a while, so two evaluations that run side by side interleave their steps.
    story().sandbox.setFaults({ TF_DOUBLE_DELAY_MS: '1500' });
    const ada = story().openPr('ada', { 'infra-specs/people/ada.yaml': person('ada', 'security-engineering') }, 'Ada');
    const grace = story().openPr(
      'grace',
      { 'infra-specs/people/grace.yaml': person('grace', 'security-engineering') },
      'Grace',
    );
    await Promise.all([story().sendPr(ada, 'opened'), story().sendPr(grace, 'opened')]);
    for (const [pr, name] of [
      [ada, 'ada'],
      [grace, 'grace'],
    ] as const) {
      const check = await waitFor(`#${pr} planned`, () => story().planCheck(pr), 120_000);
      expect(check.conclusion).toBe('success');
      const body = story().planComment(pr)?.body ?? '';
      expect(body).toContain(`<b>okta-user-${name}</b>`);
      expect(body).not.toMatch(/<b>(identity|okta-group-|sso|okta-user-p-)/);
      expect(body).not.toContain('locked by');
    }
    // Side by side: each PR's terraform runs started before the other's ended.
    const started = (stack: string, step: string) => callsIn(stack).find((c) => c.argv[0] === step)!.startedAt;
    expect(started('okta-user-grace', 'init')).toBeLessThan(started('okta-user-ada', 'show'));
    expect(started('okta-user-ada', 'init')).toBeLessThan(started('okta-user-grace', 'show'));
    story().sandbox.setFaults({});

    await approve(ada);
    await approve(grace);
    await mergeAndApply(grace, 'okta-user-grace');
    await mergeAndApply(ada, 'okta-user-ada');
    expect(
      story()
        .repliesTo(ada)
        .some((c) => c.body.includes('Merged but not applied')),
    ).toBe(false);
    expect(
      story()
        .repliesTo(grace)
        .some((c) => c.body.includes('Merged but not applied')),
    ).toBe(false);
  }, 300_000);
});

describe('e2e › an installation on the shared identity stack moves to per-spec stacks, destroying nothing', () => {
  let world: Awaited<ReturnType<typeof startIdentityStory>>;
  const story = () => world.story;
  const sharedConfig = config.replace('identity: { stackLayout: per-spec }\n', '');
  const stateOf = (stack: string) =>
    JSON.parse(readFileSync(join(story().sandbox.dataDir, 'state', OWNER, REPO, `${stack}.tfstate`), 'utf8')) as {
      resources: Record<string, { id?: unknown }>;
    };

  beforeAll(async () => {
    world = await startIdentityStory({ '.github/infra.yml': sharedConfig });
  }, 120_000);
  afterAll(async () => world?.close());

  it('applied in identity › the move PR plans imports and forgets only; merged, every object keeps its id', async () => {
    const people = story().openPr(
      'people',
      {
        'infra-specs/people/ada.yaml': person('ada', 'security-engineering'),
        'infra-specs/people/grace.yaml': person('grace', 'security-engineering'),
      },
      'People',
    );
    await story().sendPr(people, 'opened');
    expect((await waitFor('the people PR planned', () => story().planCheck(people), 90_000)).conclusion).toBe(
      'success',
    );
    await world.approve(people);
    await world.mergeAndApply(people, 'identity');
    const before = new Map(Object.entries(stateOf('identity').resources).map(([address, v]) => [address, v.id]));
    expect(before.size).toBe(5);

    const move = story().openPr('per-spec', { '.github/infra.yml': config }, 'Identity stacks per spec');
    await story().sendPr(move, 'opened');
    expect((await waitFor('the move planned', () => story().planCheck(move), 90_000)).conclusion).toBe('success');
    const body = story().planComment(move)?.body ?? '';
    expect(body).toContain('Identity layout: shared → per-spec.');
    expect(body).toMatch(/\| 2 \| 0 \| 0 \| 0 \|/); // create (the two memberships) | update | destroy | replace
    expect(body).not.toContain('⚠️');

    await world.approve(move);
    await world.mergeAndApply(move, 'identity');
    expect(Object.keys(stateOf('identity').resources)).toEqual([]);
    const after = new Map<string, unknown>();
    for (const stack of ['okta-group-security-engineering', 'okta-user-ada', 'okta-user-grace']) {
      for (const [address, v] of Object.entries(stateOf(stack).resources)) after.set(address, v.id);
    }
    expect(after).toEqual(before);
    expect(
      story()
        .repliesTo(move)
        .some((c) => c.body.includes('Merged but not applied')),
    ).toBe(false);
  }, 300_000);
});
