// Issue 13's safety argument, as a story: a PR plan of `identity` skips the refresh (terraform.refreshOnPrPlan: auto),
// so it cannot show an object deleted in Okta; the apply after merge plans again WITH refresh, finds the drift, and
// its change set is not the approved one: nothing is applied and the PR, the card and /infra status say so. With
// `always` the PR plan itself refreshes and shows the drift, so what is approved is what gets applied.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectsGraphql } from '../doubles/github/projects-graphql.js';
import { CONFIG } from '../e2e/support/fixtures.js';
import { JOB_KINDS } from '../../src/workflow/job-kinds.js';
import { OWNER } from './support/workflow-story.js';
import { APPROVALS, CHANNEL, allDone, startIdentityWorld } from './support/identity-world.js';

const config = (
  refreshOnPrPlan?: 'always',
) => `${CONFIG}${APPROVALS}project: { org: ${OWNER}, number: 7, columns: { notApplied: Not applied } }
${refreshOnPrPlan ? `terraform: { refreshOnPrPlan: ${refreshOnPrPlan} }\n` : ''}`;
const person = (name: string) => `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: ${name} }
spec: { email: ${name}@demoac.com, firstName: ${name}, lastName: Tester, groups: [security-engineering] }
`;
const REFRESH_SKIPPED = 'Refresh skipped (terraform.refreshOnPrPlan: auto)';
// Terraform addresses of the identity stack (src/synth): Ada is applied first, then deleted in Okta by hand.
const ADA = 'okta_user.user_ada';
const GRACE = 'okta_user.user_grace';

/**
 * The world of both cases: Slack, Okta and a board, with the identity stack already applied (the repository's group
 * and Ada, through an approved and merged PR); then Ada is deleted in Okta, outside Terraform.
 */
async function identityAppliedThenAdaDeleted(refreshOnPrPlan?: 'always') {
  const world = await startIdentityWorld({ '.github/infra.yml': config(refreshOnPrPlan) });
  const { story, slack } = world;
  const board = new ProjectsGraphql();
  const projectId = board.addProject({
    owner: OWNER,
    number: 7,
    singleSelect: { Status: ['Backlog', 'In Progress', 'Done', 'Not applied'] },
  });
  board.install(story.github);

  /** Maria approves the plan of the PR's current head in Slack. */
  async function approve(pr: number) {
    await world.approve(pr);
    expect(story.repliesTo(pr).some((c) => c.body.includes('Approved in Slack by'))).toBe(true);
  }
  async function merge(pr: number) {
    const ran = await world.merge(pr);
    expect(ran.map((job) => job.kind)).toContain(JOB_KINDS.applyPullRequest);
  }
  /** terraform apply runs in the identity stack's folder so far. */
  const identityApplies = () =>
    story.terraformCalls().filter((call) => call.argv[0] === 'apply' && call.cwd.endsWith('/identity')).length;

  const ada = story.openPr('ada', { 'infra-specs/people/ada.yaml': person('ada') }, 'Ada joins');
  await story.sendPr(ada, 'opened');
  allDone(await story.drain());
  await approve(ada);
  await merge(ada);
  expect(story.repliesTo(ada).some((c) => c.body.includes('✅ Applied `identity`'))).toBe(true);
  expect(identityApplies()).toBe(1);

  // Someone deletes Ada in the Okta admin console: the real object is gone, the state still has it.
  const remote = join(story.sandbox.dir, 'okta-remote.json');
  writeFileSync(remote, JSON.stringify({ [ADA]: null }));
  story.sandbox.setFaults({ TF_DOUBLE_REMOTE: remote });

  const close = () => world.close();
  return {
    story,
    slack,
    approve,
    merge,
    identityApplies,
    column: (pr: number) => board.columnOf(projectId, story.nodeId(pr)),
    close,
  };
}

type World = Awaited<ReturnType<typeof identityAppliedThenAdaDeleted>>;

/** The identity section of a plan comment: from its summary line to the end of its details. */
const identitySection = (body: string | undefined) => body?.match(/<b>identity<\/b>[\s\S]*?<\/details>/)?.[0] ?? '';

describe('workflow › identity PR plan without refresh; Ada deleted in Okta meanwhile → the merge applies nothing', () => {
  let world: World;
  let pr: number;

  beforeAll(async () => {
    world = await identityAppliedThenAdaDeleted();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('PR adding Grace › its plan shows only Grace and says the refresh was skipped', async () => {
    const { story } = world;
    pr = story.openPr('grace', { 'infra-specs/people/grace.yaml': person('grace') }, 'Grace joins');
    await story.sendPr(pr, 'opened');
    allDone(await story.drain());
    const plan = story.planCheck(pr);
    expect(plan?.conclusion).toBe('success');
    const section = identitySection(story.planComment(pr)?.body);
    expect(section).toContain(REFRESH_SKIPPED);
    expect(section).toContain('the 3 resources in state were not read from the provider');
    expect(section).toContain(`**+ create** \`${GRACE}\``);
    expect(section).not.toContain(ADA);
    const prPlan = story
      .terraformCalls()
      .filter((call) => call.argv[0] === 'plan')
      .at(-1);
    expect(prPlan?.argv).toContain('-refresh=false');
  });

  it('approved and merged › the apply-time plan refreshes, sees Ada missing, and applies nothing', async () => {
    const { story, slack } = world;
    await world.approve(pr);
    const appliesBefore = world.identityApplies();
    await world.merge(pr);

    const applyPlan = story
      .terraformCalls()
      .filter((call) => call.argv[0] === 'plan')
      .at(-1);
    expect(applyPlan?.cwd).toContain('/apply-');
    expect(applyPlan?.argv).not.toContain('-refresh=false');
    expect(world.identityApplies()).toBe(appliesBefore);

    const told = story.repliesTo(pr).find((c) => c.body.includes('Merged but not applied'));
    expect(told?.body).toContain('`identity`');
    expect(told?.body).toContain('The plan changed since it was approved');
    expect(told?.body).toMatch(
      /approved: create okta_user\.user_grace, create okta_user_group_memberships\.user_grace_groups/,
    );
    expect(told?.body).toMatch(/now: +create okta_user\.user_ada, /);
    expect(told?.body).toContain('follow-up PR');
    expect(story.repliesTo(pr).some((c) => c.body.includes('✅ Applied'))).toBe(false);
    expect(world.column(pr)).toBe('Not applied');
    expect(slack.messages(CHANNEL).some((m) => m.text.includes(`#${pr} was merged but not applied (identity)`))).toBe(
      true,
    );
  });

  it('/infra status › lists the identity stack as merged but not applied', async () => {
    const { story } = world;
    await story.comment(pr, '/infra status');
    allDone(await story.drain());
    const status = story.repliesTo(pr).find((c) => c.body.includes('infra-bot status'));
    expect(status?.body).toContain('Merged but not applied');
    expect(status?.body).toMatch(new RegExp(`identity\` from #${pr}`));
  });
});

describe('workflow › the same story with terraform.refreshOnPrPlan: always → the PR plan shows the drift', () => {
  let world: World;
  let pr: number;

  beforeAll(async () => {
    world = await identityAppliedThenAdaDeleted('always');
  });
  afterAll(async () => {
    await world?.close();
  });

  it('PR adding Grace › its plan refreshes and recreates Ada next to Grace; no "Refresh skipped" line', async () => {
    const { story } = world;
    pr = story.openPr('grace', { 'infra-specs/people/grace.yaml': person('grace') }, 'Grace joins');
    await story.sendPr(pr, 'opened');
    allDone(await story.drain());
    const body = story.planComment(pr)?.body;
    const section = identitySection(body);
    expect(section).not.toContain('Refresh skipped');
    expect(section).toContain(`**+ create** \`${GRACE}\``);
    expect(section).toContain(`**+ create** \`${ADA}\``);
    const prPlan = story
      .terraformCalls()
      .filter((call) => call.argv[0] === 'plan')
      .at(-1);
    expect(prPlan?.argv).not.toContain('-refresh=false');
  });

  it('approved and merged › the approved change set is the one found at apply: applied', async () => {
    const { story } = world;
    await world.approve(pr);
    const appliesBefore = world.identityApplies();
    await world.merge(pr);
    expect(world.identityApplies()).toBe(appliesBefore + 1);
    expect(story.repliesTo(pr).some((c) => c.body.includes('✅ Applied `identity`'))).toBe(true);
    expect(story.repliesTo(pr).some((c) => c.body.includes('Merged but not applied'))).toBe(false);
    expect(world.column(pr)).toBe('Done');
  });
});
