import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { addAttachment } from '../doubles/github/routes/attachments.js';
import { waitFor } from './support/app-process.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const BRUCE = `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: bruce-lee }
spec: { email: bruce.lee@demoac.com, firstName: Bruce, lastName: Lee }
`;

describe('e2e › bulk onboarding from a CSV on the issue', () => {
  let story: Story;

  beforeAll(async () => {
    story = await startStory({ files: { 'infra-specs/identity/bruce-lee.yaml': BRUCE } });
  }, 60_000);
  afterAll(async () => story?.close());

  const issue = (title: string, body = '') => story.github.openIssue({ owner: OWNER, repo: REPO, title, body });
  const reply = (n: number, text: string) =>
    waitFor(`a reply with "${text}" on #${n}`, () => story.repliesTo(n).find((c) => c.body.includes(text)));
  const pullOf = (branch: string) => story.github.pulls(OWNER, REPO).find((p) => p.head === branch);
  const branches = (prefix: string) =>
    Object.keys(story.github.branches(OWNER, REPO)).filter((b) => b.startsWith(prefix));

  it('an attached CSV with bad rows › every bad row with its line, nothing written; a good one › one PR, one spec per person', async () => {
    const bad = addAttachment(story.github, {
      name: 'users.csv',
      content:
        'email,firstName,lastName,groups\nok@demoac.com,Ok,One,security-engineering\nnot-an-email,A,B,\nbruce.lee@demoac.com,Bruce,Again,\nc@demoac.com,C,C,no-such-group\n',
    });
    const n = issue('Bulk (bad)', `New joiners: [users.csv](${bad})`);
    await story.comment(n, '/infra onboard');
    const problems = await reply(n, 'has 4 problems');
    expect(problems.body).toContain("users.csv:3: 'not-an-email' is not an email address.");
    expect(problems.body).toContain(
      'users.csv:4: bruce.lee@demoac.com is already managed by infra-specs/identity/bruce-lee.yaml',
    );
    expect(problems.body).toMatch(/users\.csv:5: .*no-such-group/);
    expect(problems.body).not.toContain('users.csv:2');
    expect(branches(`infra-bot/onboard/${n}-`)).toEqual([]);

    const good = addAttachment(story.github, {
      owner: OWNER,
      repo: REPO,
      name: 'joiners.csv',
      content:
        'email,firstName,lastName,groups,department\nkatherine@demoac.com,Katherine,Johnson,security-engineering,Research\ndorothy@demoac.com,Dorothy,Vaughan,,\n',
    });
    const m = issue('Bulk (good)', `See ${good} please.`);
    await story.comment(m, '/infra onboard');
    await reply(m, '📝 Opened');
    const branch = `infra-bot/onboard/${m}-csv`;
    const pull = pullOf(branch);
    expect(pull?.title).toBe('Onboard 2 people from joiners.csv');
    expect(pull?.body).toContain(`Closes #${m}`);
    expect(
      parse(story.github.readFile(OWNER, REPO, branch, 'infra-specs/identity/users/katherine.yaml')!).spec,
    ).toEqual({
      email: 'katherine@demoac.com',
      firstName: 'Katherine',
      lastName: 'Johnson',
      groups: ['security-engineering'],
      department: 'Research',
    });
    expect(story.github.readFile(OWNER, REPO, branch, 'infra-specs/identity/users/dorothy.yaml')).toContain('Vaughan');
    // One tree write for all the files, not one blob per person.
    expect(story.github.countRequests('POST', '/git/blobs')).toBe(0);
  }, 60_000);

  it('a ```csv block in the issue or in the command comment works; a CSV link on another host is refused and never fetched', async () => {
    const n = issue('Pasted', '```csv\nemail,firstName,lastName\nmary@demoac.com,Mary,Jackson\n```\n');
    await story.comment(n, '/infra onboard');
    await reply(n, '📝 Opened');
    expect(
      story.github.readFile(OWNER, REPO, `infra-bot/onboard/${n}-csv`, 'infra-specs/identity/users/mary.yaml'),
    ).toContain('Jackson');
    const c = issue('In the comment');
    await story.comment(c, '/infra onboard\n\n```csv\nemail,firstName,lastName\nannie@demoac.com,Annie,Easley\n```');
    await reply(c, '📝 Opened');
    expect(
      story.github.readFile(OWNER, REPO, `infra-bot/onboard/${c}-csv`, 'infra-specs/identity/users/annie.yaml'),
    ).toContain('Easley');
    const m = issue('Elsewhere', 'Here: https://files.example.test/users.csv');
    await story.comment(m, '/infra onboard');
    const refused = await reply(m, 'there is none');
    expect(refused.body).toContain('`https://files.example.test/users.csv`');
    expect(branches(`infra-bot/onboard/${m}-`)).toEqual([]);
  }, 60_000);
});
