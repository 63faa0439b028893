// Issue 13's story with identity.stackLayout: per-spec, in a repository of 10,000 people in 500 groups. Each person
// and group has a stack of its own: two onboarding PRs plan and lock only their own stacks (neither waits for the
// other) and apply in either order; a PR adding a group and a person in it plans in one go (the person's stack reads
// the new group's id during apply) and applies the group first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONFIG } from '../e2e/support/fixtures.js';
import { OWNER, REPO } from './support/workflow-story.js';
import { APPROVALS, allDone, startIdentityWorld, type IdentityWorld } from './support/identity-world.js';

const CONFIG_PER_SPEC = `${CONFIG}identity: { stackLayout: per-spec }\n${APPROVALS}`;
const person = (name: string, group = 'security-engineering') => `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: ${name} }
spec: { email: ${name}@demoac.com, firstName: ${name}, lastName: Tester, groups: [${group}] }
`;
const team = (name: string) => `apiVersion: infra-bot/v1
kind: OktaGroup
metadata: { name: ${name}, owner: lead@demoac.com }
spec: { description: The ${name} }
`;

/** The organisation already in the repository: 10,000 people in 500 teams (their stacks are not what is tested). */
const ORG_PEOPLE = 10_000;
const ORG_TEAMS = 500;
function organisation(): Record<string, string> {
  // Block style, as people write specs (the flow style of the helpers above is the YAML parser's slow path).
  const files: Record<string, string> = {};
  for (let t = 0; t < ORG_TEAMS; t++) {
    files[`infra-specs/groups/team-${t}.yaml`] =
      `apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team-${t}\nspec:\n  description: Team ${t}\n`;
  }
  for (let p = 0; p < ORG_PEOPLE; p++) {
    files[`infra-specs/people/p-${p}.yaml`] =
      `apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: p-${p}\nspec:\n  email: p-${p}@demoac.com\n` +
      `  firstName: P\n  lastName: Number${p}\n  groups:\n    - team-${p % ORG_TEAMS}\n`;
  }
  return files;
}

describe('workflow › identity.stackLayout: per-spec, 10,000 people', () => {
  let world: IdentityWorld;
  const story = () => world.story;

  beforeAll(async () => {
    world = await startIdentityWorld({ '.github/infra.yml': CONFIG_PER_SPEC, ...organisation() });
    // The repository's group, applied through a PR of its own: its stack holds the group and exports its id.
    const { replies } = await world.land(
      'group',
      { 'infra-specs/groups/security.yaml': team('security-engineering') },
      'Group',
    );
    expect(replies.some((body) => body.includes('✅ Applied `okta-group-security-engineering`'))).toBe(true);
  });
  afterAll(async () => {
    await world?.close();
  });

  let ada: number;
  let grace: number;

  it('two onboarding PRs › each plans only its own stack (2 resources), neither waits for the other', async () => {
    ada = story().openPr('ada', { 'infra-specs/people/ada.yaml': person('ada') }, 'Ada joins');
    grace = story().openPr('grace', { 'infra-specs/people/grace.yaml': person('grace') }, 'Grace joins');
    await Promise.all([story().sendPr(ada, 'opened'), story().sendPr(grace, 'opened')]);
    allDone(await story().drain());
    for (const [pr, name] of [
      [ada, 'ada'],
      [grace, 'grace'],
    ] as const) {
      expect(story().planCheck(pr)?.conclusion).toBe('success');
      const body = story().planComment(pr)?.body ?? '';
      expect(body).toContain(`<b>okta-user-${name}</b>`);
      expect(body).toContain(`**+ create** \`okta_user.user_${name}\``);
      expect(body).toContain(`**+ create** \`okta_user_group_memberships.user_${name}_groups\``);
      expect(body).not.toMatch(/<b>(identity|okta-group-|sso)/);
      expect(body).not.toContain('locked by');
    }
    const locks = await story().store.listLocks({ repo: `${OWNER}/${REPO}` });
    expect(locks.map((lock) => [lock.stack, lock.pr]).sort()).toEqual(
      [
        ['okta-user-ada', ada],
        ['okta-user-grace', grace],
      ].sort(),
    );
  });

  it('both merge, Grace first › each applies its own stack; memberships name the group’s id from its state', async () => {
    await world.approve(ada);
    await world.approve(grace);
    await world.merge(grace);
    await world.merge(ada);
    expect(
      story()
        .repliesTo(grace)
        .some((c) => c.body.includes('✅ Applied `okta-user-grace`')),
    ).toBe(true);
    expect(
      story()
        .repliesTo(ada)
        .some((c) => c.body.includes('✅ Applied `okta-user-ada`')),
    ).toBe(true);
    const groupId = world.stateOf('okta-group-security-engineering').outputs?.id?.value;
    expect(typeof groupId).toBe('string');
    for (const name of ['ada', 'grace']) {
      const memberships = world.stateOf(`okta-user-${name}`).resources[
        `okta_user_group_memberships.user_${name}_groups`
      ];
      expect(memberships?.groups).toEqual([groupId]);
    }
  });

  it('a PR adding a group and a person in it › plans both in one go, applies the group first', async () => {
    const pr = story().openPr(
      'data-team',
      { 'infra-specs/groups/data.yaml': team('data-team'), 'infra-specs/people/lin.yaml': person('lin', 'data-team') },
      'Data team, with Lin',
    );
    await story().sendPr(pr, 'opened');
    allDone(await story().drain());
    expect(story().planCheck(pr)?.conclusion).toBe('success');
    const body = story().planComment(pr)?.body ?? '';
    expect(body.indexOf('<b>okta-group-data-team</b>')).toBeGreaterThan(-1);
    expect(body.indexOf('<b>okta-user-lin</b>')).toBeGreaterThan(body.indexOf('<b>okta-group-data-team</b>'));
    expect(body).toContain('**+ create** `okta_group.group_data-team`');
    expect(body).toContain('**+ create** `okta_user.user_lin`');

    await world.approve(pr);
    const appliesBefore = world.ranIn('apply').length;
    await world.merge(pr);
    expect(world.ranIn('apply').slice(appliesBefore)).toEqual(['okta-group-data-team', 'okta-user-lin']);
    expect(
      story()
        .repliesTo(pr)
        .some((c) => c.body.includes('Merged but not applied')),
    ).toBe(false);
    const groupId = world.stateOf('okta-group-data-team').outputs?.id?.value;
    expect(world.stateOf('okta-user-lin').resources['okta_user_group_memberships.user_lin_groups']?.groups).toEqual([
      groupId,
    ]);
  });
});
