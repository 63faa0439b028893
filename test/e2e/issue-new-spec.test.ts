import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ProjectsGraphql } from '../doubles/github/projects-graphql.js';
import { waitFor } from './support/app-process.js';
import { CONFIG } from './support/fixtures.js';
import { OWNER, REPO, startStory, type Story } from './support/story.js';

const config = `${CONFIG}project: { org: ${OWNER}, number: 7 }\n`;

describe('e2e › /infra new on an issue', () => {
  let story: Story;
  let board: ProjectsGraphql;
  let projectId: string;

  beforeAll(async () => {
    story = await startStory({ files: { '.github/infra.yml': config } });
    board = new ProjectsGraphql();
    projectId = board.addProject({ owner: OWNER, number: 7 });
    board.install(story.github);
  }, 60_000);
  afterAll(async () => story?.close());

  const issue = (title: string) => story.github.openIssue({ owner: OWNER, repo: REPO, title });
  const reply = (n: number, text: string) =>
    waitFor(`a reply with "${text}" on #${n}`, () => story.repliesTo(n).find((c) => c.body.includes(text)));
  const branches = (prefix: string) =>
    Object.keys(story.github.branches(OWNER, REPO)).filter((b) => b.startsWith(prefix));

  it('writes the spec on a branch, opens a PR that closes the issue, links it, puts it on the board; a re-run opens nothing', async () => {
    const n = issue('A devbox for Bruce');
    const command =
      '/infra new Ec2Instance name=bruce-box image=ubuntu-24.04 ttl=3d instanceType=t3.small ssh.allowFrom=203.0.113.4/32,198.51.100.7/32 ssh.keyName=bruce rootVolumeGiB=16 labels.team=security';
    await story.comment(n, command);
    const linked = await reply(n, '📝 Opened');

    const branch = `infra-bot/new/${n}-bruce-box`;
    const pull = story.github.pulls(OWNER, REPO).find((p) => p.head === branch)!;
    expect(pull).toBeDefined();
    expect(linked.body).toContain(`/pull/${pull.number}`);
    expect(pull.body).toContain(`Closes #${n}`);
    expect(pull.body).toContain('Requested by @bruce');
    const text = story.github.readFile(OWNER, REPO, branch, 'infra-specs/compute/bruce-box.yaml')!;
    expect(text.startsWith('# yaml-language-server: $schema=../../schemas/infra-spec.schema.json\n')).toBe(true);
    expect(parse(text)).toEqual({
      apiVersion: 'infra-bot/v1',
      kind: 'Ec2Instance',
      metadata: { name: 'bruce-box', owner: '@bruce', ttl: '3d', labels: { team: 'security' } },
      spec: {
        image: 'ubuntu-24.04',
        instanceType: 't3.small',
        ssh: { allowFrom: ['203.0.113.4/32', '198.51.100.7/32'], keyName: 'bruce' },
        rootVolumeGiB: 16,
      },
    });
    const nodeId = (story.github.pullPayload(OWNER, REPO, pull.number) as { node_id: string }).node_id;
    await waitFor('the card in Backlog', () => board.columnOf(projectId, nodeId) === 'Backlog' || undefined);

    await story.comment(n, command);
    await reply(n, 'already proposes this');
    expect(story.github.pulls(OWNER, REPO).filter((p) => p.head.startsWith(`infra-bot/new/${n}-`))).toHaveLength(1);
  }, 60_000);

  it('an unknown field › the validator diagnostic and the usage, and no branch; an unknown kind › usage', async () => {
    const n = issue('Typo');
    await story.comment(n, '/infra new Ec2Instance name=typo-box imag=ubuntu-24.04 ttl=1d');
    const refused = await reply(n, 'would not be a valid spec');
    expect(refused.body).toMatch(/infra-specs\/compute\/typo-box\.yaml:\d+:\d+: .*imag.*"image"/);
    expect(refused.body).toContain('Commands on an issue');
    await story.comment(n, '/infra new Ec2 name=x');
    const usage = await reply(n, 'is not a kind');
    expect(usage.body).toContain('Commands on an issue');
    expect(branches(`infra-bot/new/${n}-`)).toEqual([]);
  }, 60_000);

  it('a name already taken › the reply names the existing file; a reader › refused; nothing is written', async () => {
    const n = issue('Another security group');
    await story.comment(n, '/infra new OktaGroup name=security-engineering description="Dup"');
    const taken = await reply(n, 'is taken');
    expect(taken.body).toContain('`infra-specs/groups/security.yaml`');
    await story.comment(n, '/infra new OktaGroup name=readers-group', 'reader');
    await reply(n, 'needs write access');
    expect(branches(`infra-bot/new/${n}-`)).toEqual([]);
  }, 60_000);

  it('the branch name exists and is not ours › a suffixed branch; the existing one is left as it was', async () => {
    const n = issue('Bucket');
    const theirs = `infra-bot/new/${n}-team-logs`;
    const sha = story.github.commit(OWNER, REPO, theirs, { 'notes.txt': 'my own work\n' }, 'Notes');
    await story.comment(n, '/infra new S3Bucket name=team-logs versioning=false lifecycle.expireDays=30');
    await reply(n, '📝 Opened');
    expect(story.github.branches(OWNER, REPO)[theirs]).toBe(sha);
    const pull = story.github.pulls(OWNER, REPO).find((p) => p.head === `${theirs}-2`)!;
    expect(pull).toBeDefined();
    expect(parse(story.github.readFile(OWNER, REPO, `${theirs}-2`, 'infra-specs/data/team-logs.yaml')!).spec).toEqual({
      versioning: false,
      lifecycle: { expireDays: 30 },
    });
  }, 60_000);
});
