import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEc2Double, type Ec2Double } from '../doubles/aws/ec2-server.js';
import { startStsDouble, type StsDouble } from '../doubles/aws/sts-server.js';
import { startOktaDouble, type OktaDouble } from '../doubles/okta/server.js';
import { waitFor } from './support/app-process.js';
import { bucket, devbox } from './support/fixtures.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const OKTA_TOKEN = 'e2e-okta-token-0123456789';
const ROLE = `apiVersion: infra-bot/v1
kind: IamSsoRole
metadata: { name: security-readonly }
spec: { oktaGroup: security-engineering, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
`;
const ADA = `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: ada }
spec: { email: ada@demoac.com, firstName: Ada, lastName: Lovelace, groups: [security-engineering] }
`;

describe('e2e › identity and inventory reads: whoami, access, inventory, access-review', () => {
  let story: Story;
  let okta: OktaDouble;
  let ec2: Ec2Double;
  let sts: StsDouble;

  beforeAll(async () => {
    [okta, ec2, sts] = await Promise.all([startOktaDouble({ token: OKTA_TOKEN }), startEc2Double(), startStsDouble()]);
    const ada = okta.state.addUser({
      login: 'ada@demoac.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      lastLogin: new Date().toISOString(),
    });
    const group = okta.state.addGroup('security-engineering');
    okta.state.addMember(group.id, ada.id);
    okta.seed({ users: 10_000, groups: 40, now: new Date().toISOString() });
    ec2.addInstance({
      state: 'running',
      tags: { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/box', Owner: 'bruce.lee@demoac.com' },
    });
    ec2.addInstance({ state: 'stopped', tags: { ManagedBy: 'infra-bot', InfraSpec: 'Ec2Instance/ghost' } });
    story = await startStory({
      files: {
        'infra-specs/identity/roles/security-readonly.yaml': ROLE,
        'infra-specs/identity/users/ada.yaml': ADA,
        'infra-specs/compute/box.yaml': devbox('box'),
        'infra-specs/data/logs.yaml': bucket('logs'),
      },
      env: {
        OKTA_ORG_URL: okta.url,
        OKTA_API_TOKEN: OKTA_TOKEN,
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_EC2: ec2.url,
        AWS_ENDPOINT_URL_STS: sts.url,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await Promise.all([okta?.close(), ec2?.close(), sts?.close()]);
  });

  const issue = (title: string) => story.github.openIssue({ owner: OWNER, repo: REPO, title });
  const reply = (n: number, text: string, timeoutMs?: number) =>
    waitFor(`a reply with "${text}" on #${n}`, () => story.repliesTo(n).find((c) => c.body.includes(text)), timeoutMs);

  it('/infra whoami › STS identity, roles, Okta org, installation and config in force, no secret', async () => {
    const n = issue('Who are you?');
    await story.comment(n, '/infra whoami');
    const who = await reply(n, '## whoami');
    expect(who.body).toContain('| AWS caller | `arn:aws:sts::123456789012:assumed-role/infra-bot-app/i-0abc` |');
    expect(who.body).toContain(`| Okta org | \`${okta.url}\` |`);
    expect(who.body).toContain('| GitHub App installation | `4242` |');
    expect(who.body).toContain('maxTtl: 30d');
    for (const secret of [OKTA_TOKEN, 'e2e-ambient-secret-key-0123456789', 'AKIAE2EAMBIENT000001'])
      expect(who.body).not.toContain(secret);
  }, 60_000);

  it('/infra access <email> › groups, status, last sign-in and the roles they can assume', async () => {
    const n = issue('What can Ada do?');
    await story.comment(n, '/infra access ada@demoac.com');
    const access = await reply(n, '## Access of');
    expect(access.body).toContain('| Status | ACTIVE |');
    expect(access.body).toContain('| Spec | `OktaUser/ada` |');
    expect(access.body).toMatch(/\*\*Groups \(1\)\*\*: security-engineering/);
    expect(access.body).toContain(
      '- **security-readonly** `arn:aws:iam::123456789012:role/security-readonly` through group `security-engineering`',
    );
  }, 60_000);

  it('/infra inventory › managed instances with spec and owner, declared buckets, and what no spec declares; AWS down › says so', async () => {
    const n = issue('What runs?');
    await story.comment(n, '/infra inventory');
    const inventory = await reply(n, '## Managed inventory');
    expect(inventory.body).toMatch(/\| `Ec2Instance\/box` \| `i-[0-9a-f]+` \| running \|/);
    expect(inventory.body).toMatch(/\| `S3Bucket\/logs` \| `acme-logs` \| not applied yet \|/);
    expect(inventory.body).toContain('Tagged ManagedBy=infra-bot but declared by no spec (1)');
    expect(inventory.body).toContain('`Ec2Instance/ghost`');

    ec2.failNext('unavailable', 20);
    await story.comment(n, '/infra inventory');
    const down = await reply(n, 'AWS is unreachable', 45_000);
    expect(down.body).toContain('nothing is shown rather than half of it');
    ec2.clearFaults();
  }, 90_000);

  it('/infra access-review with 10,000 users › paginated, summary within the comment limit, full report and CSV on a branch', async () => {
    const n = issue('Quarterly access review');
    await story.comment(n, '/infra access-review');
    const summary = await reply(n, '📋 Full report', 60_000);
    expect(summary.body.length).toBeLessThanOrEqual(65_536);
    const date = new Date().toISOString().slice(0, 10);
    const branch = `infra-bot/access-review/${n}-${date}`;
    expect(summary.body).toContain(`/blob/${branch}/reports/access-review-${date}.md`);
    expect(summary.body).toContain('more, see the [full report]');
    const csv = story.github.readFile(OWNER, REPO, branch, `reports/access-review-${date}.csv`)!;
    expect(csv.trimEnd().split('\r\n')).toHaveLength(10_001 + 1); // header + every user (the seeded ones and Ada)
    const report = story.github.readFile(OWNER, REPO, branch, `reports/access-review-${date}.md`)!;
    expect(report).toContain('### All users (10,001)');
    expect(report).toContain('user9999@\u200bexample.com'); // Markdown: an @ never mentions anyone
    expect(csv).toContain('\r\nuser9999@example.com,');
    expect(okta.requests.filter((r) => r.path === '/api/v1/users').length).toBeGreaterThanOrEqual(50);
  }, 90_000);

  it('an Okta 429 storm › bounded retries on the reset header, then a clearly partial report; Okta down › a reply, nothing written', async () => {
    const n = issue('Review during a storm');
    okta.rateLimitStorm(400, { path: '/groups/00g', resetInSeconds: 1 });
    await story.comment(n, '/infra access-review');
    const partial = await reply(n, 'Partial result', 60_000);
    expect(partial.body).toContain('**Partial report**: Okta kept rate-limiting the requests');
    expect(partial.body).toContain('members of');
    okta.clearFaults();

    const m = issue('Review while Okta is down');
    okta.failNext(100, { status: 503 });
    await story.comment(m, '/infra access-review');
    await reply(m, 'Okta is unreachable', 60_000);
    okta.clearFaults();
    expect(
      Object.keys(story.github.branches(OWNER, REPO)).filter((b) => b.startsWith(`infra-bot/access-review/${m}-`)),
    ).toEqual([]);
  }, 90_000);
});
