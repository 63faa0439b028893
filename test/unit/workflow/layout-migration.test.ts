// The pure parts of moving identity specs to the per-spec layout: when a PR may, which ids are imported, and what a
// move's plan may contain.
import { describe, expect, it } from '@jest/globals';
import { defaultRepoConfig } from '../../../src/config/repo-config-schema.js';
import type { PlanSummary, ResourceChangeSummary } from '../../../src/plan/summarize-plan.js';
import { priorStateObjects } from '../../../src/plan/prior-state.js';
import { importIdOf } from '../../../src/synth/import-ids.js';
import { forgetStackFor, synthesize } from '../../../src/synth/synthesize.js';
import {
  confirmMigration,
  destroysSomething,
  importsFromState,
  layoutChangeOf,
  resourceAddresses,
} from '../../../src/workflow/layout-migration.js';
import { ec2, group, role, s3Settings, user } from '../synth/fixtures.js';

const configWith = (stackLayout: 'shared' | 'per-spec') => ({ ...defaultRepoConfig(), identity: { stackLayout } });
const people = [group('sec'), user('ada', { groups: ['sec'] })];
const change = (
  address: string,
  action: ResourceChangeSummary['action'],
  unknown?: string[],
): ResourceChangeSummary => ({
  address,
  type: address.split('.')[0]!,
  name: address.split('.')[1]!,
  action,
  attributes: (unknown ?? []).map((path) => ({ path, sensitive: false, unknown: !path.includes('.') })),
});
const summary = (changes: ResourceChangeSummary[]) => ({ changes }) as unknown as PlanSummary;

describe('layoutChangeOf', () => {
  const shared = configWith('shared');
  const perSpec = configWith('per-spec');
  it('same layout, or no readable head config › nothing to do', () => {
    expect(layoutChangeOf(shared, shared, { base: people, head: people })).toEqual({ kind: 'none' });
    expect(layoutChangeOf(shared, undefined, { base: people, head: people })).toEqual({ kind: 'none' });
  });
  it('shared → per-spec with identity specs and no spec change › a migration', () => {
    expect(layoutChangeOf(shared, perSpec, { base: people, head: [...people] })).toEqual({
      kind: 'migrate',
      from: 'shared',
      to: 'per-spec',
    });
  });
  it('no identity specs anywhere › just a setting', () => {
    expect(layoutChangeOf(shared, perSpec, { base: [ec2('box')], head: [ec2('box')] })).toEqual({ kind: 'none' });
  });
  const refusal = (result: ReturnType<typeof layoutChangeOf>) =>
    result.kind === 'refused' ? result.diagnostics.map((d) => `${d.file} ${d.path}: ${d.message}`) : result;
  it.each([
    ['with a spec change', shared, perSpec, people, [...people, user('lin')], 'in a PR that also changes specs'],
    ['back to shared', perSpec, shared, people, people, 'only a move from shared to per-spec is supported'],
    ['while adding the first identity specs', shared, perSpec, [], people, 'in a PR that adds identity specs'],
    [
      'when the base did not validate',
      shared,
      perSpec,
      undefined,
      people,
      "while the base branch's specs do not validate",
    ],
  ])('%s › refused on .github/infra.yml, saying why', (_label, from, to, base, head, why) => {
    const [message] = refusal(layoutChangeOf(from, to, { base, head })) as string[];
    expect(message).toContain('.github/infra.yml identity.stackLayout: identity.stackLayout cannot change from');
    expect(message).toContain(why);
  });
});

describe('import ids and the old state', () => {
  it('each type › its provider’s import id; memberships cannot be imported', () => {
    expect(importIdOf('okta_user', { id: '00u1' })).toBe('00u1');
    expect(importIdOf('aws_iam_role_policy_attachment', { id: 'admin-2024', role: 'admin', policy_arn: 'arn:p' })).toBe(
      'admin/arn:p',
    );
    expect(importIdOf('aws_iam_role_policy', { id: 'admin:infra-bot-inline' })).toBe('admin:infra-bot-inline');
    expect(importIdOf('okta_app_group_assignments', { id: '0oa1', app_id: '0oa1' })).toBe('0oa1');
    expect(importIdOf('okta_user_group_memberships', { id: '00u1', user_id: '00u1' })).toBeUndefined();
    expect(importIdOf('okta_group', {})).toBeUndefined();
  });

  it('prior_state › managed root resources become imports; data sources and junk are skipped', () => {
    const plan = {
      prior_state: {
        values: {
          root_module: {
            resources: [
              { address: 'okta_user.user_ada', mode: 'managed', type: 'okta_user', values: { id: '00u1' } },
              {
                address: 'okta_user_group_memberships.user_ada_groups',
                mode: 'managed',
                type: 'okta_user_group_memberships',
                values: { id: '00u1' },
              },
              { address: 'data.x.y', mode: 'data', type: 'x', values: { id: 'd' } },
              { mode: 'managed' },
            ],
          },
        },
      },
    };
    expect(priorStateObjects(plan).map((o) => o.address)).toEqual([
      'okta_user.user_ada',
      'okta_user_group_memberships.user_ada_groups',
    ]);
    expect([...importsFromState(priorStateObjects(plan))]).toEqual([['okta_user.user_ada', '00u1']]);
    expect(priorStateObjects({})).toEqual([]);
  });

  it('synthesis with imports › an import block per known address, recorded on its stack', () => {
    const settings = { ...s3Settings, identityLayout: 'per-spec' as const };
    const imports = new Map([
      ['okta_user.user_ada', '00u1'],
      ['okta_group.group_sec', '00g1'],
    ]);
    const stacks = synthesize(people, { settings, imports });
    const ada = stacks.find((s) => s.name === 'okta-user-ada')!;
    expect(ada.imports).toEqual({ 'okta_user.user_ada': '00u1' });
    expect((JSON.parse(ada.json) as { import: unknown }).import).toEqual([{ id: '00u1', to: 'okta_user.user_ada' }]);
    expect(synthesize(people, { settings }).every((s) => s.imports === undefined)).toBe(true);
  });

  it('the forget stack › a removed block (destroy = false) for every resource of the old stack, nothing else', () => {
    const [identity] = synthesize([...people, role('admin', { oktaGroup: 'sec' })], { settings: s3Settings });
    const addresses = resourceAddresses(identity!.json);
    const forget = forgetStackFor('identity', s3Settings, 'us-east-1', addresses);
    const config = JSON.parse(forget.json) as {
      resource?: unknown;
      removed: Array<{ from: string; lifecycle: unknown }>;
    };
    expect(config.resource).toBeUndefined();
    expect(config.removed.map((r) => r.from).sort()).toEqual([...addresses].sort());
    expect(config.removed.every((r) => JSON.stringify(r.lifecycle) === '{"destroy":false}')).toBe(true);
    expect(forget).toMatchObject({ name: 'identity', specs: [], resourceCount: 0, forgets: addresses.length });
  });
});

describe("a move's plans", () => {
  it('a delete or replace › refused, naming them', () => {
    expect(
      destroysSomething(summary([change('okta_user.a', 'import'), change('okta_user.b', 'forget')])),
    ).toBeUndefined();
    expect(destroysSomething(summary([change('okta_user.a', 'delete'), change('aws_iam_role.r', 'replace')]))).toBe(
      'A layout migration must not destroy or replace anything, and this plan would: delete okta_user.a, replace aws_iam_role.r. Nothing will be applied from it.',
    );
  });
  it('imports, forgets, lookups read during apply, memberships created › no warning; anything else › one each', () => {
    const plans = new Map([
      [
        'okta-user-ada',
        summary([
          change('okta_user.user_ada', 'import'),
          change('okta_user_group_memberships.user_ada_groups', 'create'),
          change('data.terraform_remote_state.group_sec', 'read'),
        ]),
      ],
      ['sso', summary([change('okta_app_group_assignments.sso_assignments', 'update', ['group', 'group.0.id'])])],
      ['identity', summary([change('okta_user.user_ada', 'forget')])],
    ]);
    expect(confirmMigration(plans)).toEqual([]);
    const odd = new Map([
      ['okta-user-ada', summary([change('okta_user.user_ada', 'update', ['title.x'])])],
      ['okta-group-sec', summary([change('okta_group.group_sec', 'create')])],
    ]);
    expect(confirmMigration(odd).map((w) => w.message)).toEqual([
      "The move's plan for stack okta-user-ada would update okta_user.user_ada: a layout migration only imports and forgets. Check what differs before approving.",
      "The move's plan for stack okta-group-sec would create okta_group.group_sec: a layout migration only imports and forgets. Check what differs before approving.",
    ]);
  });
});
