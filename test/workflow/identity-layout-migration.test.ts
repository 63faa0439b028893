// Issue 13's migration, as a story: a repository whose people, group and role were applied in the shared `identity`
// stack moves to identity.stackLayout: per-spec through a PR that changes only that setting. The plan imports every
// object into its new stack and forgets it in `identity`; approved and merged, it applies in dependency order with
// nothing destroyed or recreated, every object keeping its id; afterwards an onboarding PR plans one stack.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONFIG } from '../e2e/support/fixtures.js';
import { OWNER, REPO } from './support/workflow-story.js';
import { APPROVALS, allDone, startIdentityWorld, type IdentityWorld } from './support/identity-world.js';

const config = (layout?: string) => `${CONFIG}${layout ? `identity: { stackLayout: ${layout} }\n` : ''}${APPROVALS}`;
const person = (name: string) => `apiVersion: infra-bot/v1
kind: OktaUser
metadata: { name: ${name} }
spec: { email: ${name}@demoac.com, firstName: ${name}, lastName: Tester, groups: [security-engineering] }
`;
const ROLE = `apiVersion: infra-bot/v1
kind: IamSsoRole
metadata: { name: security-readonly, owner: lead@demoac.com }
spec:
  oktaGroup: security-engineering
  managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
`;

interface StoredPlan {
  summary?: { changes: Array<{ address: string; action: string }> };
  imports?: Record<string, string>;
  forget?: boolean;
}

describe('workflow › moving the identity specs from the shared stack to per-spec stacks', () => {
  let world: IdentityWorld;
  const story = () => world.story;
  let migration: number;
  /** Every object id the identity state held before the move, by address. */
  let idsBefore: Map<string, unknown>;

  beforeAll(async () => {
    world = await startIdentityWorld({ '.github/infra.yml': config() });
    // Before: two people, their group and a role, applied in the shared identity stack.
    const { replies } = await world.land(
      'team',
      {
        'infra-specs/people/ada.yaml': person('ada'),
        'infra-specs/people/grace.yaml': person('grace'),
        'infra-specs/roles/security-readonly.yaml': ROLE,
      },
      'Security team',
    );
    expect(replies.some((body) => body.includes('✅ Applied `identity`'))).toBe(true);
    idsBefore = new Map(
      Object.entries(world.stateOf('identity').resources).map(([address, values]) => [address, values.id]),
    );
    expect(idsBefore.size).toBeGreaterThanOrEqual(10);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('a PR changing identity.stackLayout and specs together › refused, naming the setting', async () => {
    const pr = story().openPr(
      'mixed',
      { '.github/infra.yml': config('per-spec'), 'infra-specs/people/lin.yaml': person('lin') },
      'Per-spec, and Lin',
    );
    await story().sendPr(pr, 'opened');
    allDone(await story().drain());
    const body = story().planComment(pr)?.body ?? '';
    expect(body).toContain(
      'identity.stackLayout cannot change from shared to per-spec in a PR that also changes specs',
    );
    expect(world.ranIn('plan').some((stack) => stack.startsWith('okta-'))).toBe(false);
    story().github.closePull(OWNER, REPO, pr);
    await story().sendPr(pr, 'closed');
    allDone(await story().drain());
  });

  it('the migration PR › imports every object into its new stack, forgets it in identity, destroys nothing', async () => {
    migration = story().openPr('per-spec', { '.github/infra.yml': config('per-spec') }, 'Identity stacks per spec');
    await story().sendPr(migration, 'opened');
    allDone(await story().drain());
    expect(story().planCheck(migration)?.conclusion).toBe('success');
    const body = story().planComment(migration)?.body ?? '';
    expect(body).toContain('Identity layout: shared → per-spec.');
    // Every change is one a move makes: nothing for the reviewer to question.
    expect(body).not.toContain('⚠️');
    for (const stack of ['okta-group-security-engineering', 'okta-user-ada', 'okta-user-grace', 'sso', 'identity']) {
      expect(body).toContain(`<b>${stack}</b>`);
    }
    const plans = await story().store.latestPlans({
      repo: `${OWNER}/${REPO}`,
      pr: migration,
      headSha: story().headSha(migration),
    });
    const stored = new Map(plans.map((plan) => [plan.stack, JSON.parse(plan.summaryJson) as StoredPlan]));
    const actions = [...stored.values()].flatMap((plan) => plan.summary?.changes.map((change) => change.action) ?? []);
    expect(actions.filter((action) => action === 'delete' || action === 'replace')).toEqual([]);
    expect(stored.get('identity')?.forget).toBe(true);
    expect(stored.get('identity')?.summary?.changes.every((change) => change.action === 'forget')).toBe(true);
    const imported = new Map([...stored.values()].flatMap((plan) => Object.entries(plan.imports ?? {})));
    // Every object but the memberships (not importable: created in place, which changes nothing in Okta).
    for (const [address, id] of idsBefore) {
      if (address.startsWith('okta_user_group_memberships.')) expect(imported.has(address)).toBe(false);
      else if (address.startsWith('aws_iam_role_policy_attachment.'))
        expect(imported.get(address)).toContain('/arn:aws:iam::aws:policy/');
      else expect([address, imported.get(address)]).toEqual([address, id]);
    }
  });

  it('approved and merged › new stacks apply in dependency order, identity forgets last; every id unchanged', async () => {
    await world.approve(migration);
    const before = world.ranIn('apply').length;
    await world.merge(migration);
    expect(world.ranIn('apply').slice(before)).toEqual([
      'okta-group-security-engineering',
      'okta-user-ada',
      'okta-user-grace',
      'sso',
      'identity',
    ]);
    expect(
      story()
        .repliesTo(migration)
        .some((c) => c.body.includes('Merged but not applied')),
    ).toBe(false);
    expect(Object.keys(world.stateOf('identity').resources)).toEqual([]);
    const after = new Map<string, unknown>();
    for (const stack of ['okta-group-security-engineering', 'okta-user-ada', 'okta-user-grace', 'sso']) {
      for (const [address, values] of Object.entries(world.stateOf(stack).resources)) after.set(address, values.id);
    }
    for (const [address, id] of idsBefore) {
      if (address.startsWith('okta_user_group_memberships.')) expect(after.has(address)).toBe(true);
      else expect([address, after.get(address)]).toEqual([address, id]);
    }
  });

  it('after the move › an onboarding PR plans only its person’s stack', async () => {
    const pr = story().openPr('lin', { 'infra-specs/people/lin.yaml': person('lin') }, 'Lin joins');
    await story().sendPr(pr, 'opened');
    allDone(await story().drain());
    expect(story().planCheck(pr)?.conclusion).toBe('success');
    const body = story().planComment(pr)?.body ?? '';
    expect(body).toContain('<b>okta-user-lin</b>');
    expect(body).not.toMatch(/<b>(identity|okta-group-|sso|okta-user-ada)/);
  });
});
