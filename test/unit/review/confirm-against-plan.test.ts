import { describe, expect, it } from '@jest/globals';
import type { ChangeAction, PlanSummary, ResourceChangeSummary } from '../../../src/plan/summarize-plan.js';
import { emptyCounts } from '../../../src/plan/summarize-plan.js';
import { confirmAgainstPlan } from '../../../src/review/confirm-against-plan.js';
import { diffIntent } from '../../../src/review/intent-changes.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { NOW, bucket, ec2, group, role, user } from './fixtures.js';

const rc = (
  address: string,
  action: ChangeAction,
  extra: Partial<ResourceChangeSummary> = {},
): ResourceChangeSummary => {
  const [type, name] = address.split('.') as [string, string];
  return { address, type, name, action, attributes: [], ...extra };
};
const plan = (...changes: ResourceChangeSummary[]): PlanSummary => {
  const counts = emptyCounts();
  for (const c of changes) counts[c.action] += 1;
  return { counts, changes, noChanges: changes.length === 0 };
};
const check = (base: IntentSpec[], head: IntentSpec[], plans: Record<string, PlanSummary>) =>
  confirmAgainstPlan(diffIntent({ base: { specs: base }, head, now: NOW }), new Map(Object.entries(plans)));

describe('confirmAgainstPlan', () => {
  it('plans that match the intent › no warnings', () => {
    const warnings = check(
      [bucket('old'), ec2('box', { instanceType: 't3.micro' })],
      [ec2('box', { instanceType: 't3.large' }), ec2('new')],
      {
        'ec2-new': plan(rc('aws_instance.instance', 'create'), rc('aws_security_group.security_group', 'create')),
        'ec2-box': plan(rc('aws_instance.instance', 'update')),
        's3-old': plan(rc('aws_s3_bucket.bucket', 'delete'), rc('aws_s3_bucket_versioning.versioning', 'delete')),
      },
    );
    expect(warnings).toEqual([]);
  });

  it('a created spec whose stack plan creates nothing › warns', () => {
    const warnings = check([], [ec2('new')], { 'ec2-new': plan() });
    expect(warnings.map((w) => w.message)).toEqual([
      'The intent creates Ec2Instance/new, but the plan for stack ec2-new does not create aws_instance.instance: it may already exist in the state.',
    ]);
  });

  it('a removed spec whose stack plan keeps it › warns', () => {
    const warnings = check([user('ann'), group('g')], [group('g')], { identity: plan() });
    expect(warnings.map((w) => [w.spec, w.address])).toEqual([['OktaUser/ann', 'okta_user.user_ann']]);
  });

  it('a destroy or replace the intent did not ask for › one warning each, with the reason', () => {
    const same = [ec2('box'), user('ann'), group('g')];
    const warnings = check(same, same, {
      'ec2-box': plan(rc('aws_instance.instance', 'replace', { reason: 'replace_because_tainted' })),
      identity: plan(rc('okta_user.user_ann', 'delete')),
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'The plan for stack ec2-box replaces aws_instance.instance (replace_because_tainted), but Ec2Instance/box did not change or go away.',
      'The plan for stack identity destroys okta_user.user_ann, but OktaUser/ann did not change or go away.',
    ]);
  });

  it('changes no spec change explains › one drift line per stack, listing a few', () => {
    const boxes = Array.from({ length: 7 }, (_, i) => user(`u${i}`));
    const warnings = check(boxes, boxes, {
      identity: plan(
        ...boxes.map((u) =>
          rc(`okta_user.user_${u.metadata.name}`, 'update', {
            attributes: [{ path: 'title', before: '"a"', after: '"b"', sensitive: false, unknown: false }],
          }),
        ),
      ),
    });
    expect(warnings).toEqual([
      {
        stack: 'identity',
        message:
          'The plan for stack identity changes 7 resources no spec change explains (drift: changed outside infra-bot?): okta_user.user_u0 (update), okta_user.user_u1 (update), okta_user.user_u2 (update), okta_user.user_u3 (update), okta_user.user_u4 (update) and 2 more.',
      },
    ]);
  });

  it('consequences of an explained change › not drift', () => {
    const base = [group('g', { displayName: 'G' }), user('ann', { groups: ['g'] }), role('r', { oktaGroup: 'g' })];
    const head = [group('g', { displayName: 'G2' }), user('ann', { groups: ['g'] }), role('r', { oktaGroup: 'g' })];
    const warnings = check(base, head, {
      identity: plan(
        rc('okta_group.group_g', 'update'),
        // Values known only after apply: follows the group's change.
        rc('okta_user_group_memberships.user_ann_groups', 'update', {
          attributes: [
            { path: 'groups.0', before: '"00g1"', after: '(known after apply)', sensitive: false, unknown: true },
          ],
        }),
        rc('okta_app_group_assignments.sso_assignments', 'update'),
        rc('data.aws_caller_identity.me', 'read'),
      ),
    });
    expect(warnings).toEqual([]);
  });

  it('a base that no longer parses › one line saying the plans were not compared', () => {
    const changes = diffIntent({ base: { invalid: true, problems: ['x'] }, head: [ec2('box')], now: NOW });
    expect(confirmAgainstPlan(changes, new Map([['ec2-box', plan()]])).map((w) => w.message)).toEqual([
      'The base branch specs could not be read, so the plans were not compared with the intent.',
    ]);
  });
});
