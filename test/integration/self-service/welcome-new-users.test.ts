import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoConfigSchema } from '../../../src/config/repo-config-schema.js';
import { createSlackClient } from '../../../src/slack/slack-client.js';
import type { PlanRecord } from '../../../src/store/store.js';
import { validateSpecs } from '../../../src/specs/validate-specs.js';
import type { WelcomeDeps } from '../../../src/workflow/self-service/welcome-new-users.js';
import { welcomeNewUsers } from '../../../src/workflow/self-service/welcome-new-users.js';
import { startSlackDouble, type SlackDouble } from '../../doubles/slack/server.js';
import { recordingLog } from '../slack/support.js';

const CHANNEL = 'C0APPROVALS';
const user = (name: string, email: string, extra = '') =>
  `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata: { name: ${name} }\nspec: { email: ${email}, firstName: ${name}, lastName: X, groups: [sec]${extra} }\n`;
const specs = validateSpecs({
  now: new Date('2030-01-01T00:00:00Z'),
  files: [
    { path: 's/g.yaml', content: 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata: { name: sec }\nspec: {}\n' },
    { path: 's/ada.yaml', content: user('ada', 'ada@demoac.com') },
    { path: 's/zoe.yaml', content: user('zoe', 'zoe@demoac.com') },
    { path: 's/bob.yaml', content: user('bob', 'bob@demoac.com', ', status: SUSPENDED') },
  ],
}).specs;

const plan = (
  stack: string,
  changes: Array<{ address: string; action: string; attributes?: Array<{ path: string }> }>,
): PlanRecord => ({
  id: 'p1',
  repo: 'acme/infra',
  pr: 9,
  headSha: 'h',
  stack,
  specHash: 'x',
  status: 'planned',
  createdAt: new Date(),
  summaryJson: JSON.stringify({
    summary: {
      counts: {},
      noChanges: false,
      changes: changes.map((c) => ({
        ...c,
        type: c.address.split('.')[0],
        name: c.address.split('.')[1],
        attributes: c.attributes ?? [],
      })),
    },
  }),
});

describe('self-service › Slack welcome after the identity apply', () => {
  let slack: SlackDouble;
  let services: WelcomeDeps;
  const log = recordingLog();

  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-welcome', teamId: 'T0ACME', channels: [CHANNEL] });
    slack.addUser({ id: 'U0ADA0001', name: 'ada', email: 'ada@demoac.com' });
    const client = createSlackClient({ token: 'xoxb-welcome', apiUrl: slack.apiUrl, log, retries: 0 });
    services = { slack: { client }, log };
  });
  afterAll(async () => slack.close());

  const config = repoConfigSchema.parse({ approvals: { slackChannel: CHANNEL } });
  const changes = [
    { address: 'okta_user.user_ada', action: 'create' },
    { address: 'okta_user.user_zoe', action: 'create' },
    { address: 'okta_user.user_bob', action: 'update', attributes: [{ path: 'status' }] },
  ];

  it('a DM to each new person Slack knows, the channel for the others, and an offboarding notice', async () => {
    await welcomeNewUsers(services, { repo: 'acme/infra', pr: 9, config, plan: plan('identity', changes), specs });
    expect(slack.messages('U0ADA0001').map((m) => m.text)).toEqual([
      '👋 Welcome, ada! Your Okta account `ada@demoac.com` is ready. Groups: `sec`. No AWS roles yet.',
    ]);
    const channel = slack.messages(CHANNEL).map((m) => m.text);
    expect(channel).toEqual([
      expect.stringContaining('👋 Welcome zoe X (`zoe@demoac.com`), onboarded by acme/infra#9'),
      expect.stringContaining('🔒 bob X (`bob@demoac.com`, `OktaUser/bob`) is now SUSPENDED in Okta'),
    ]);
  });

  it('other stacks, destroys and a Slack failure › no message and no failure', async () => {
    const before = slack.messages().length;
    await welcomeNewUsers(services, { repo: 'acme/infra', pr: 9, config, plan: plan('ec2-box', changes), specs });
    expect(slack.messages()).toHaveLength(before);
    slack.failNext({ method: 'users.lookupByEmail', kind: 'http', status: 500, times: 5 });
    await welcomeNewUsers(services, {
      repo: 'acme/infra',
      pr: 9,
      config,
      plan: plan('identity', changes.slice(0, 1)),
      specs,
    });
    expect(log.text()).toContain('Slack welcome not delivered');
    slack.clearFaults();
  });
});
