import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { waitFor } from './support/app-process.js';
import { bucket, devbox } from './support/fixtures.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('e2e › /infra extend and /infra status on issues', () => {
  let story: Story;
  let store: Store;

  beforeAll(async () => {
    story = await startStory({
      files: {
        'infra-specs/compute/box.yaml': devbox('box').replace('ttl: 3m', 'ttl: 2d # short on purpose'),
        'infra-specs/compute/fresh.yaml': devbox('fresh').replace('ttl: 3m', 'ttl: 3d'),
        'infra-specs/data/keep.yaml': bucket('keep'),
      },
    });
    // The app's own store (SQLite in its data dir): what an earlier apply would have left there.
    store = await openStore({ dataDir: story.sandbox.dataDir });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await story?.close();
  });

  const issue = (title: string) => story.github.openIssue({ owner: OWNER, repo: REPO, title });
  const reply = (n: number, text: string) =>
    waitFor(`a reply with "${text}" on #${n}`, () => story.repliesTo(n).find((c) => c.body.includes(text)));
  const repo = `${OWNER}/${REPO}`;

  it('extend an applied ttl spec › expiresAt = the scheduled deadline + the duration, replacing the ttl', async () => {
    const due = new Date(Math.ceil((Date.now() + 5 * HOUR) / 1000) * 1000);
    await store.scheduleDeadline({ repo, specKey: 'Ec2Instance/box', stack: 'ec2-box', dueAt: due, reminders: [] });
    const n = issue('More time for box');
    await story.comment(n, '/infra extend ec2instance/box 3d');
    await reply(n, '📝 Opened');
    const branch = `infra-bot/extend/${n}-ec2instance-box-3d`;
    const text = story.github.readFile(OWNER, REPO, branch, 'infra-specs/compute/box.yaml')!;
    const expected = new Date(due.getTime() + 3 * DAY).toISOString().replace('.000Z', 'Z');
    expect(parse(text).metadata).toEqual({ name: 'box', owner: 'bruce.lee@demoac.com', expiresAt: expected });
    const pull = story.github.pulls(OWNER, REPO).find((p) => p.head === branch)!;
    expect(pull.body).toContain('the scheduled deadline');
    expect(pull.body).toContain(`Closes #${n}`);
  }, 60_000);

  it('extend beyond policy.maxTtl › refused; a spec that does not exist › a reply; nothing written', async () => {
    const n = issue('Forever');
    await story.comment(n, '/infra extend Ec2Instance/fresh 4w');
    const refused = await reply(n, '⛔');
    expect(refused.body).toContain('beyond policy.maxTtl 30d');
    await story.comment(n, '/infra extend S3Bucket/nope 1d');
    await reply(n, 'No spec `S3Bucket/nope`');
    await story.comment(n, '/infra extend S3Bucket/keep 1d');
    await reply(n, 'it does not expire');
    expect(
      Object.keys(story.github.branches(OWNER, REPO)).filter((b) => b.startsWith(`infra-bot/extend/${n}-`)),
    ).toEqual([]);
  }, 60_000);

  it('/infra status on an issue › infra PRs and where each stands, running jobs, held locks, next expiries', async () => {
    const pr = story.openPr('wide-box', { 'infra-specs/compute/wide.yaml': devbox('wide') }, 'Wide box');
    const head = story.headSha(pr);
    const now = new Date();
    await store.acquireLock({ repo, stack: 'ec2-wide', pr, headSha: head, owner: 'e2e', now });
    await store.savePlan({
      repo,
      pr,
      headSha: head,
      stack: 'ec2-wide',
      specHash: 'h',
      status: 'planned',
      summaryJson: '{}',
      createdAt: now,
    });
    await store.scheduleDeadline({
      repo,
      specKey: 'Ec2Instance/fresh',
      stack: 'ec2-fresh',
      dueAt: new Date(now.getTime() + 2 * HOUR),
      owner: 'bruce.lee@demoac.com',
      reminders: [],
    });
    // A PR nobody planned and that is not infra-bot's own is not an infra PR.
    story.openPr('docs', { 'README.md': 'docs\n' }, 'Docs only');

    const n = issue('Where are we?');
    await story.comment(n, '/infra status', 'reader');
    const status = await reply(n, 'infra-bot status for');
    // The extend PR of the first test is infra-bot's own: listed, not planned yet (no webhook reached the app).
    expect(status.body).toContain(`**Open infra pull requests (2)**`);
    expect(status.body).toMatch(
      /- 💤 \[#\d+\]\([^)]+\) Extend Ec2Instance\/box until [^:]+:\d\d:\d\dZ: \*\*not planned\*\*/,
    );
    expect(status.body).toContain(`[#${pr}]`);
    expect(status.body).toContain('**awaiting approval** (0 of 1 approvals) · `ec2-wide`');
    expect(status.body).toContain(`- 🔒 \`ec2-wide\` by #${pr} at ${head.slice(0, 7)}`);
    expect(status.body).toMatch(
      /\*\*Next expiries \(2\)\*\*\n- ⏳ `Ec2Instance\/fresh` \(`ec2-fresh`\)[^\n]*\n- ⏳ `Ec2Instance\/box`/,
    );
    expect(status.body).toContain('**Jobs running or queued (0)**');
    expect(status.body).not.toContain('Docs only');
  }, 60_000);
});
