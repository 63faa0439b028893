import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOktaDouble, type OktaDouble } from '../doubles/okta/server.js';
import { blockActionsPayload, sendInteraction, startSlackDouble, type SlackDouble } from '../doubles/slack/server.js';
import { waitFor } from './support/app-process.js';
import { CONFIG } from './support/fixtures.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const SIGNING_SECRET = 'e2eslacksigningsecret0123456789';
const CHANNEL = 'C0APPROVALS';
const APPROVER = 'U0MARIA01';
const OKTA_TOKEN = 'e2e-okta-token-0123456789';
const ROLE = `apiVersion: infra-bot/v1
kind: IamSsoRole
metadata: { name: security-readonly }
spec: { oktaGroup: security-engineering, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
`;
const config = `${CONFIG}approvals:
  slackChannel: ${CHANNEL}
  approvers: [${APPROVER}]
  githubLogins: { ${APPROVER}: maria }
`;

describe('e2e › from an onboarding issue to the welcome in Slack, and the offboarding notice', () => {
  let story: Story;
  let slack: SlackDouble;
  let okta: OktaDouble;

  beforeAll(async () => {
    okta = await startOktaDouble({ token: OKTA_TOKEN });
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: APPROVER, name: 'maria', email: 'maria@demoac.com' });
    slack.addUser({ id: 'U0ADA0001', name: 'ada', email: 'ada@demoac.com' });
    story = await startStory({
      files: { '.github/infra.yml': config, 'infra-specs/identity/roles/security-readonly.yaml': ROLE },
      env: {
        SLACK_BOT_TOKEN: 'xoxb-e2e-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        OKTA_ORG_URL: okta.url,
        OKTA_API_TOKEN: OKTA_TOKEN,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
    await okta?.close();
  });

  /** The app's PR for an issue goes through plan, a Slack approval by maria, merge and apply. */
  async function approveMergeApply(branch: string): Promise<number> {
    const pr = await waitFor('the PR', () => story.github.pulls(OWNER, REPO).find((p) => p.head === branch)?.number);
    await story.sendPr(pr, 'opened');
    const head = story.headSha(pr);
    const request = await waitFor('the approval request', () =>
      slack
        .messages(CHANNEL)
        .find(
          (m) =>
            JSON.stringify(m.blocks ?? []).includes('infra_bot_approve') && JSON.stringify(m.blocks).includes(`#${pr}`),
        ),
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
    await waitFor(
      'approved',
      () =>
        story.github
          .statuses(OWNER, REPO, head)
          .some((s) => s.context === 'infra-bot/approval' && s.state === 'success') || undefined,
    );
    story.github.mergePull({ owner: OWNER, repo: REPO, number: pr });
    await story.sendPr(pr, 'closed');
    await waitFor('the apply', () => story.repliesTo(pr).find((c) => c.body.includes('✅ Applied')), 45_000);
    return pr;
  }

  it('onboard › PR → plan → approval → merge → apply › Ada gets a DM naming her group and role; offboard › a notice', async () => {
    const n = story.github.openIssue({ owner: OWNER, repo: REPO, title: 'Onboard Ada' });
    await story.comment(
      n,
      '/infra onboard email=ada@demoac.com firstName=Ada lastName=Lovelace groups=security-engineering',
    );
    await approveMergeApply(`infra-bot/onboard/${n}-ada`);
    const welcome = await waitFor('the welcome DM', () => slack.messages('U0ADA0001')[0]);
    expect(welcome.text).toBe(
      '👋 Welcome, Ada! Your Okta account `ada@demoac.com` is ready. Groups: `security-engineering`. AWS roles you can assume through Okta single sign-on: `arn:aws:iam::123456789012:role/security-readonly`.',
    );

    const m = story.github.openIssue({ owner: OWNER, repo: REPO, title: 'Ada leaves' });
    await story.comment(m, '/infra offboard ada');
    await approveMergeApply(`infra-bot/offboard/${m}-ada`);
    await waitFor('the offboarding notice', () =>
      slack.messages(CHANNEL).find((msg) => msg.text.includes('is now SUSPENDED in Okta')),
    );
    expect(slack.messages('U0ADA0001')).toHaveLength(1);
  }, 90_000);
});
