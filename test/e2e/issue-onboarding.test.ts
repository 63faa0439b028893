import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { startOktaDouble, type OktaDouble } from '../doubles/okta/server.js';
import { waitFor } from './support/app-process.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const TOKEN = 'e2e-okta-token-0123456789';
const BRUCE = `apiVersion: infra-bot/v1
kind: OktaUser
metadata:
  name: bruce-lee # keep this comment
  owner: lead@demoac.com
spec:
  email: bruce.lee@demoac.com
  firstName: Bruce
  lastName: Lee
  groups: [security-engineering]
`;

describe('e2e › onboarding and offboarding from issues', () => {
  let story: Story;
  let okta: OktaDouble;

  beforeAll(async () => {
    okta = await startOktaDouble({ token: TOKEN });
    okta.state.addUser({ login: 'ada.existing@demoac.com', status: 'ACTIVE' });
    story = await startStory({
      files: { 'infra-specs/identity/bruce-lee.yaml': BRUCE },
      env: { OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: TOKEN },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await okta?.close();
  });

  const issue = (title: string, body = '') => story.github.openIssue({ owner: OWNER, repo: REPO, title, body });
  const reply = (n: number, text: string, timeoutMs?: number) =>
    waitFor(`a reply with "${text}" on #${n}`, () => story.repliesTo(n).find((c) => c.body.includes(text)), timeoutMs);
  const pullOf = (branch: string) => story.github.pulls(OWNER, REPO).find((p) => p.head === branch);
  const branches = (prefix: string) =>
    Object.keys(story.github.branches(OWNER, REPO)).filter((b) => b.startsWith(prefix));

  it('/infra onboard › an OktaUser spec PR with the groups; a person Okta already has › a warning in the PR', async () => {
    const n = issue('Onboard Grace');
    await story.comment(
      n,
      '/infra onboard email=grace.hopper@demoac.com firstName=Grace lastName=Hopper groups=security-engineering title="Rear Admiral"',
    );
    await reply(n, '📝 Opened');
    const branch = `infra-bot/onboard/${n}-grace-hopper`;
    expect(pullOf(branch)?.body).toContain(`Closes #${n}`);
    expect(parse(story.github.readFile(OWNER, REPO, branch, 'infra-specs/identity/users/grace-hopper.yaml')!)).toEqual({
      apiVersion: 'infra-bot/v1',
      kind: 'OktaUser',
      metadata: { name: 'grace-hopper', owner: '@bruce' },
      spec: {
        email: 'grace.hopper@demoac.com',
        firstName: 'Grace',
        lastName: 'Hopper',
        groups: ['security-engineering'],
        title: 'Rear Admiral',
      },
    });

    const m = issue('Onboard Ada');
    await story.comment(m, '/infra onboard email=ada.existing@demoac.com firstName=Ada lastName=Existing');
    await reply(m, '📝 Opened');
    expect(pullOf(`infra-bot/onboard/${m}-ada-existing`)?.body).toContain('Okta already has the user');
  }, 60_000);

  it('Okta unreachable › a reply naming Okta, and no branch', async () => {
    const n = issue('Onboard while Okta is down');
    okta.failNext(50, { status: 503 });
    await story.comment(n, '/infra onboard email=down@demoac.com firstName=Down lastName=Time');
    const refused = await reply(n, 'Okta is unreachable', 45_000);
    expect(refused.body).toContain('Nothing was written');
    okta.clearFaults();
    expect(branches(`infra-bot/onboard/${n}-`)).toEqual([]);
  }, 60_000);

  it('/infra offboard › SUSPENDED in place (comments kept); --deprovision › DEPROVISIONED; an unknown user › a reply', async () => {
    const n = issue('Bruce leaves');
    await story.comment(n, '/infra offboard bruce-lee');
    await reply(n, '📝 Opened');
    const suspended = story.github.readFile(
      OWNER,
      REPO,
      `infra-bot/offboard/${n}-bruce-lee`,
      'infra-specs/identity/bruce-lee.yaml',
    )!;
    expect(suspended).toContain('name: bruce-lee # keep this comment');
    expect(parse(suspended).spec.status).toBe('SUSPENDED');
    expect(pullOf(`infra-bot/offboard/${n}-bruce-lee`)?.title).toBe('Offboard OktaUser/bruce-lee (SUSPENDED)');

    const m = issue('Bruce leaves for good');
    await story.comment(m, '/infra offboard bruce-le --deprovision');
    const unknown = await reply(m, 'No OktaUser spec is named');
    expect(unknown.body).toContain('did you mean `bruce-lee`?');
    await story.comment(m, '/infra offboard bruce-lee --deprovision');
    await reply(m, '📝 Opened');
    const gone = story.github.readFile(
      OWNER,
      REPO,
      `infra-bot/offboard/${m}-bruce-lee`,
      'infra-specs/identity/bruce-lee.yaml',
    )!;
    expect(parse(gone).spec.status).toBe('DEPROVISIONED');
  }, 60_000);
});
