// identity.stackLayout: per-spec — each Okta user and group in a stack of its own, reading its groups' ids from their
// stacks' state; roles and the federation in `sso`. What an onboarding PR plans must not grow with the org.
import { describe, expect, it } from '@jest/globals';
import { kindRegistry } from '../../../src/kinds/index.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { SynthError } from '../../../src/synth/errors.js';
import { readDuringApplyOf, synthesize } from '../../../src/synth/synthesize.js';
import { ec2, group, localSettings, parse, role, s3Settings, user } from './fixtures.js';

const perSpec = { ...s3Settings, identityLayout: 'per-spec' as const };
const model = (): IntentSpec[] => [
  group('admins', { displayName: 'Platform Admins' }),
  group('devs'),
  user('ann', { groups: ['devs', 'admins'] }),
  user('bob'),
  role('admin', { oktaGroup: 'admins' }),
  ec2('box'),
];

interface RemoteState {
  backend: string;
  config: Record<string, string>;
  defaults?: Record<string, string>;
}

describe('per-spec identity layout', () => {
  it('one stack per group and per user, roles and the federation in sso; plan order groups, users, sso, the rest', () => {
    const stacks = synthesize(model(), { settings: perSpec });
    expect(stacks.map((s) => [s.name, s.resourceCount, s.specs])).toEqual([
      ['okta-group-admins', 1, ['OktaGroup/admins']],
      ['okta-group-devs', 1, ['OktaGroup/devs']],
      ['okta-user-ann', 2, ['OktaUser/ann']],
      ['okta-user-bob', 1, ['OktaUser/bob']],
      ['sso', 4, ['IamSsoRole/admin']],
      ['ec2-box', 3, ['Ec2Instance/box']],
    ]);
    expect(stacks.map((s) => kindRegistry.isOktaStack(s.name))).toEqual([true, true, true, true, true, false]);
  });

  it("a group's stack exports its id; a member's stack reads it from that stack's state, never from Okta", () => {
    const stacks = new Map(synthesize(model(), { settings: perSpec }).map((s) => [s.name, parse(s.json)]));
    expect(stacks.get('okta-group-admins')!.output).toEqual({ id: { value: '${okta_group.group_admins.id}' } });
    const ann = stacks.get('okta-user-ann')!;
    const lookups = (ann.data as unknown as { terraform_remote_state: Record<string, RemoteState> })
      .terraform_remote_state;
    expect(lookups).toEqual({
      group_admins: {
        backend: 's3',
        config: {
          bucket: 'acme-tfstate',
          key: 'infra-bot/acme/infra/okta-group-admins.tfstate',
          region: 'eu-central-1',
        },
      },
      group_devs: {
        backend: 's3',
        config: { bucket: 'acme-tfstate', key: 'infra-bot/acme/infra/okta-group-devs.tfstate', region: 'eu-central-1' },
      },
    });
    // The key is the one the group's own stack keeps its state under.
    const groupBackend = (stacks.get('okta-group-admins')!.terraform as unknown as { backend: { s3: { key: string } } })
      .backend;
    expect(lookups.group_admins!.config.key).toBe(groupBackend.s3.key);
    expect(ann.resource!.okta_user_group_memberships!.user_ann_groups!.groups).toEqual([
      '${data.terraform_remote_state.group_admins.outputs.id}',
      '${data.terraform_remote_state.group_devs.outputs.id}',
    ]);
    const sso = stacks.get('sso')!;
    expect(Object.keys((sso.data as unknown as { terraform_remote_state: object }).terraform_remote_state)).toEqual([
      'group_admins',
    ]);
  });

  it('with local state, the lookup reads the group stack’s local state file', () => {
    const stacks = synthesize(model(), { settings: { ...localSettings, identityLayout: 'per-spec' } });
    const ann = parse(stacks.find((s) => s.name === 'okta-user-ann')!.json);
    const group = parse(stacks.find((s) => s.name === 'okta-group-devs')!.json);
    const lookup = (ann.data as unknown as { terraform_remote_state: Record<string, RemoteState> })
      .terraform_remote_state.group_devs!;
    const backend = (group.terraform as unknown as { backend: { local: { path: string } } }).backend.local;
    expect(lookup).toEqual({ backend: 'local', config: { path: backend.path } });
  });

  it('a group added by the same change › its members read its id during apply, and the stack says so', () => {
    const stacks = synthesize(model(), { settings: perSpec, newGroups: new Set(['devs']) });
    const ann = stacks.find((s) => s.name === 'okta-user-ann')!;
    expect(ann.readDuringApply).toEqual(['devs']);
    const lookups = (parse(ann.json).data as unknown as { terraform_remote_state: Record<string, RemoteState> })
      .terraform_remote_state;
    expect(lookups.group_devs!.defaults).toEqual({ pending_since: '${timestamp()}' });
    expect(lookups.group_admins!.defaults).toBeUndefined();
    // Stacks that do not read the new group are byte-identical to a synthesis without it.
    const plain = new Map(synthesize(model(), { settings: perSpec }).map((s) => [s.name, s.hash]));
    for (const stack of stacks.filter((s) => s.name !== 'okta-user-ann')) {
      expect([stack.name, stack.hash, stack.readDuringApply]).toEqual([stack.name, plain.get(stack.name), undefined]);
    }
    // The apply gets the same set back from the stored plans.
    expect([...readDuringApplyOf([{ readDuringApply: ['devs'] }, {}, { readDuringApply: 'junk' }])]).toEqual(['devs']);
  });

  it('onboarding one person into 3 groups in an org of 1,000 plans 2 resources in 1 stack', () => {
    const groups = Array.from({ length: 50 }, (_, i) => group(`team-${i}`));
    const people = Array.from({ length: 1000 }, (_, i) => user(`p${i}`, { groups: [`team-${i % 50}`] }));
    const newcomer = user('newcomer', { groups: ['team-1', 'team-2', 'team-3'] });
    const before = synthesize([...groups, ...people], { settings: perSpec });
    const after = synthesize([...groups, ...people, newcomer], { settings: perSpec });
    const hashes = new Map(before.map((s) => [s.name, s.hash]));
    const changed = after.filter((s) => hashes.get(s.name) !== s.hash);
    expect(changed.map((s) => [s.name, s.resourceCount])).toEqual([['okta-user-newcomer', 2]]);
  });

  it('a user in a group with no spec is still an error that names both', () => {
    expect(() => synthesize([user('ann', { groups: ['ghosts'] })], { settings: perSpec })).toThrow(
      new SynthError('unknown-group', 'OktaUser/ann is in group ghosts, which has no spec'),
    );
  });

  it('stack names of both layouts parse back to their owners', () => {
    expect(kindRegistry.parseStackName('okta-user-ann')).toEqual({
      ok: true,
      owner: { kind: 'OktaUser', name: 'ann' },
    });
    expect(kindRegistry.parseStackName('okta-group-devs')).toEqual({
      ok: true,
      owner: { kind: 'OktaGroup', name: 'devs' },
    });
    expect(kindRegistry.parseStackName('sso')).toEqual({ ok: true, owner: { shared: 'sso' } });
    expect(kindRegistry.parseStackName('identity')).toEqual({ ok: true, owner: { shared: 'identity' } });
    expect(kindRegistry.ownerInStack('sso', 'role_admin_inline')).toBe('IamSsoRole/admin');
    expect(kindRegistry.ownerInStack('okta-user-ann', 'group_devs')).toBe('OktaUser/ann');
    expect(new RegExp(`^${kindRegistry.stackNamePattern}$`).test('okta-user-ann')).toBe(true);
    expect(kindRegistry.stackRank('okta-group-a')).toBeLessThan(kindRegistry.stackRank('okta-user-a'));
    expect(kindRegistry.stackRank('okta-user-a')).toBeLessThan(kindRegistry.stackRank('sso'));
    expect(kindRegistry.stackRank('sso')).toBeLessThan(kindRegistry.stackRank('ec2-a'));
  });
});
