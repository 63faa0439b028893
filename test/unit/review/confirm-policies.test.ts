import { describe, expect, it } from '@jest/globals';
import type { PlanActions, TerraformPlan, TerraformResourceChange } from '../../../src/plan/terraform-json.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { confirmAgainstPlan } from '../../../src/review/confirm-against-plan.js';
import { confirmPolicies } from '../../../src/review/confirm-policies.js';
import { diffIntent } from '../../../src/review/intent-changes.js';
import { planPermissionFacts } from '../../../src/review/plan-policies.js';
import { renderIntentSummary } from '../../../src/review/render-intent-summary.js';
import type { IamPolicyDocument, IntentSpec } from '../../../src/specs/model.js';
import { ADMIN, NOW, READ_ONLY, bucket, group, role } from './fixtures.js';

const LOGS = 'arn:aws:s3:::logs/*';
const policy = (...Statement: IamPolicyDocument['Statement']): IamPolicyDocument => ({
  Version: '2012-10-17',
  Statement,
});
/** Trust policies name a Principal and no Resource. */
const trust = (statement: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', ...statement }],
});
const reader = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: LOGS });
const s3All = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
const ops = group('ops');
const x = (spec: Parameters<typeof role>[1]) => role('x', { oktaGroup: 'ops', ...spec });

const UPDATE: PlanActions = ['update'];
const CREATE: PlanActions = ['create'];
const DELETE: PlanActions = ['delete'];

function rc(
  address: string,
  actions: PlanActions,
  before: unknown,
  after: unknown,
  extra: Partial<TerraformResourceChange['change']> = {},
): TerraformResourceChange {
  const [type, name] = address.split('.') as [string, string];
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, ...extra },
  };
}
const plan = (...resource_changes: TerraformResourceChange[]): TerraformPlan => ({
  format_version: '1.2',
  resource_changes,
});
const inline = (actions: PlanActions, before: IamPolicyDocument | undefined, after: IamPolicyDocument | undefined) =>
  rc(
    'aws_iam_role_policy.role_x_inline',
    actions,
    before && { name: 'infra-bot-inline', policy: JSON.stringify(before) },
    after && { name: 'infra-bot-inline', policy: JSON.stringify(after) },
  );

function check(base: IntentSpec[], head: IntentSpec[], plans: Record<string, TerraformPlan>) {
  const changes = diffIntent({ base: { specs: base }, head, now: NOW });
  const facts = new Map(Object.entries(plans).map(([stack, p]) => [stack, planPermissionFacts(p)]));
  const result = confirmPolicies(changes, facts);
  return {
    changes,
    result,
    messages: result.warnings.map((w) => w.message),
    confirmed: [...result.confirmed].map((p) => p.expects.kind),
    mismatched: [...result.mismatched].map((p) => p.expects.kind),
    all: confirmAgainstPlan(changes, new Map(), facts),
  };
}

describe('confirmPolicies › a widening the spec asks for', () => {
  it('the plan sets the same policy (keys and lists in another order) › confirmed, no warning', () => {
    const reordered = { Statement: [{ Resource: ['*'], Action: ['s3:*'], Effect: 'Allow' }], Version: '2012-10-17' };
    const { messages, confirmed, mismatched } = check(
      [ops, x({ inlinePolicy: reader })],
      [ops, x({ inlinePolicy: s3All })],
      {
        identity: plan(
          rc(
            'aws_iam_role_policy.role_x_inline',
            UPDATE,
            { policy: JSON.stringify(reader) },
            { policy: JSON.stringify(reordered) },
          ),
        ),
      },
    );
    expect(messages).toEqual([]);
    expect(confirmed).toEqual(['inline-policy']);
    expect(mismatched).toEqual([]);
  });

  it('the plan sets a different policy › flagged, not confirmed', () => {
    const other = policy({ Effect: 'Allow', Action: 's3:*', Resource: LOGS });
    const { messages, confirmed, mismatched } = check(
      [ops, x({ inlinePolicy: reader })],
      [ops, x({ inlinePolicy: s3All })],
      {
        identity: plan(inline(UPDATE, reader, other)),
      },
    );
    expect(messages).toEqual([
      'The plan for stack identity sets a different policy on aws_iam_role_policy.role_x_inline than IamSsoRole/x asks for.',
    ]);
    expect(confirmed).toEqual([]);
    expect(mismatched).toEqual(['inline-policy']);
  });

  it('AdministratorAccess attached as asked › confirmed; asked but not in the plan › flagged', () => {
    const base = [ops, x({ managedPolicyArns: [READ_ONLY] })];
    const head = [ops, x({ managedPolicyArns: [READ_ONLY, ADMIN] })];
    const attach = rc('aws_iam_role_policy_attachment.role_x_policy_AdministratorAccess', CREATE, null, {
      policy_arn: ADMIN,
    });
    expect(check(base, head, { identity: plan(attach) })).toMatchObject({ messages: [], confirmed: ['attachment'] });
    const missing = check(base, head, { identity: plan() });
    expect(missing.messages).toEqual([
      'IamSsoRole/x asks to attach AdministratorAccess, but the plan for stack identity does not attach it.',
    ]);
  });

  it('an Okta group given a role › confirmed by the app assignments changing, not confirmed without', () => {
    const base = [ops, group('dev'), x({ managedPolicyArns: [READ_ONLY] })];
    const head = [ops, group('dev'), x({ oktaGroup: 'dev', managedPolicyArns: [READ_ONLY] })];
    const assignments = rc('okta_app_group_assignments.sso_assignments', UPDATE, { group: [] }, { group: [] });
    const done = check(base, head, { identity: plan(assignments) });
    expect([done.confirmed, done.mismatched]).toEqual([['assignment', 'assignment'], []]);
    const none = check(base, head, { identity: plan() });
    expect([none.confirmed, none.mismatched]).toEqual([[], ['assignment', 'assignment']]);
    expect(none.messages).toEqual([
      "IamSsoRole/x changes which Okta group gets the role, but the plan for stack identity does not change the AWS app's group assignments.",
    ]);
  });

  it('a stack that was not planned (locked, failed) › neither confirmed nor flagged', () => {
    const { messages, confirmed, mismatched } = check(
      [ops, x({ inlinePolicy: reader })],
      [ops, x({ inlinePolicy: s3All })],
      {},
    );
    expect([messages, confirmed, mismatched]).toEqual([[], [], []]);
  });
});

describe('confirmPolicies › policy changes no spec change asks for', () => {
  const same = [ops, x({ inlinePolicy: reader })];
  const cases: Array<[string, TerraformPlan, string[]]> = [
    [
      'inline policy widened outside infra-bot (the plan narrows it back)',
      plan(inline(UPDATE, s3All, reader)),
      [
        'The plan for stack identity changes the policy of aws_iam_role_policy.role_x_inline although no spec change asks for it — changed outside infra-bot? Applying it takes away s3:* on *.',
      ],
    ],
    [
      'inline policy the plan would widen',
      plan(inline(UPDATE, reader, s3All)),
      [
        'The plan for stack identity changes the policy of aws_iam_role_policy.role_x_inline although no spec change asks for it — changed outside infra-bot? Applying it widens it: it would also allow s3:* on *.',
      ],
    ],
    [
      'a trust policy changed',
      plan(
        rc(
          'aws_iam_role.role_x',
          UPDATE,
          { assume_role_policy: JSON.stringify(trust({ Principal: { AWS: '*' }, Action: 'sts:AssumeRole' })) },
          {
            assume_role_policy: JSON.stringify(
              trust({
                Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/okta' },
                Action: 'sts:AssumeRoleWithSAML',
                Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
              }),
            ),
          },
        ),
      ),
      [
        'The plan for stack identity changes the trust policy of aws_iam_role.role_x although no spec change asks for it — changed outside infra-bot? Applying it widens it: it would also allow sts:AssumeRoleWithSAML for Federated:arn:aws:iam::123456789012:saml-provider/okta; applying it takes away sts:AssumeRole for anyone (*).',
      ],
    ],
    [
      'the same policy, written differently (the provider normalises) › nothing',
      plan(inline(UPDATE, reader, policy({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [LOGS], Sid: 'A' }))),
      [],
    ],
    [
      'a value only known after apply › not compared',
      plan(
        rc(
          'aws_iam_role_policy.role_x_inline',
          UPDATE,
          { policy: JSON.stringify(reader) },
          {},
          {
            after_unknown: { policy: true },
          },
        ),
      ),
      [],
    ],
    [
      'a sensitive value › not read',
      plan(
        rc(
          'aws_iam_role_policy.role_x_inline',
          UPDATE,
          { policy: JSON.stringify(reader) },
          { policy: JSON.stringify(s3All) },
          { after_sensitive: { policy: true } },
        ),
      ),
      [],
    ],
    [
      'an unexplained attachment',
      plan(rc('aws_iam_role_policy_attachment.role_x_policy_AdministratorAccess', CREATE, null, { policy_arn: ADMIN })),
      [
        'The plan for stack identity attaches AdministratorAccess (aws_iam_role_policy_attachment.role_x_policy_AdministratorAccess) although no spec change asks for it — changed outside infra-bot?',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, identity, expected) => {
    const { messages, all } = check(same, same, { identity });
    expect(messages).toEqual(expected);
    // confirmAgainstPlan carries them, marked as about permissions.
    expect(all.filter((w) => w.policy).map((w) => w.message)).toEqual(expected);
  });

  it('a bucket policy granting anyone, and a public access block turned off › both flagged', () => {
    const tlsOnly = policy({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const open = {
      ...tlsOnly,
      Statement: [...tlsOnly.Statement, { Effect: 'Allow' as const, Action: 's3:GetObject', Resource: LOGS }],
    };
    const withPrincipal = JSON.parse(JSON.stringify(open)) as { Statement: Record<string, unknown>[] };
    withPrincipal.Statement[1]!.Principal = '*';
    const flags = {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    };
    const { messages } = check([bucket('logs')], [bucket('logs')], {
      's3-logs': plan(
        rc(
          'aws_s3_bucket_policy.tls_only',
          UPDATE,
          { policy: JSON.stringify(tlsOnly) },
          { policy: JSON.stringify(withPrincipal) },
        ),
        rc('aws_s3_bucket_public_access_block.public_access_block', UPDATE, flags, {
          ...flags,
          block_public_policy: false,
        }),
      ),
    });
    expect(messages).toEqual([
      'The plan for stack s3-logs changes the policy of aws_s3_bucket_policy.tls_only although no spec change asks for it — changed outside infra-bot? Applying it widens it: it would also allow s3:GetObject on arn:aws:s3:::logs/* for anyone (*).',
      'The plan for stack s3-logs turns off block_public_policy on aws_s3_bucket_public_access_block.public_access_block: the bucket could become public, and no spec can ask for that.',
    ]);
  });

  it('a new role or bucket brings its policies › nothing flagged', () => {
    const created = check([ops], [ops, x({ inlinePolicy: reader })], {
      identity: plan(
        inline(CREATE, undefined, reader),
        rc('okta_app_group_assignments.sso_assignments', CREATE, null, { group: [] }),
      ),
    });
    expect(created.messages).toEqual([]);
    expect(created.confirmed).toEqual(['inline-policy', 'assignment']);
    const removed = check([bucket('logs')], [], {
      's3-logs': plan(rc('aws_s3_bucket_policy.tls_only', DELETE, { policy: JSON.stringify(reader) }, null)),
    });
    expect(removed.messages).toEqual([]);
  });
});

describe('intent summary › permission checks from the plan', () => {
  it('confirmed widenings say so; unexplained policy changes come first, not at the end', () => {
    const base = [ops, x({ inlinePolicy: reader }), bucket('logs')];
    const head = [ops, x({ inlinePolicy: s3All }), bucket('logs')];
    const tls = { policy: JSON.stringify(reader) };
    const { changes, result, all } = check(base, head, {
      identity: plan(inline(UPDATE, reader, s3All)),
      's3-logs': plan(rc('aws_s3_bucket_policy.tls_only', UPDATE, tls, { policy: JSON.stringify(s3All) })),
    });
    const markdown = renderIntentSummary({ changes, planWarnings: all, policyCheck: result });
    const lines = markdown.split('\n').filter((l) => l.startsWith('- '));
    expect(lines[0]).toBe(
      '- ⚠️ **Permissions widened:** role `x` now allows `s3:*` on `*` (was `s3:GetObject` on `arn:aws:s3:::logs/*`) — ✅ the plan agrees',
    );
    expect(lines[1]).toMatch(/^- 🔍 \*\*Plan vs specs:\*\* The plan for stack s3-logs changes the policy of/);
    expect(markdown).not.toContain('Plan vs intent');
  });
});

describe('confirmAgainstPlan › a policy change is said once', () => {
  it('not repeated in the drift line of its stack', () => {
    const same = [ops, x({ inlinePolicy: reader }), group('dev')];
    const changes = diffIntent({ base: { specs: same }, head: same, now: NOW });
    const raw = plan(inline(UPDATE, s3All, reader));
    const summary = summarizePlan(raw);
    const other = summarizePlan(plan(rc('okta_group.group_dev', UPDATE, { name: 'a' }, { name: 'b' })));
    const warnings = confirmAgainstPlan(
      changes,
      new Map([['identity', { ...summary, changes: [...summary.changes, ...other.changes] }]]),
      new Map([['identity', planPermissionFacts(raw)]]),
    );
    expect(warnings.map((w) => [w.policy ?? false, w.message.slice(0, 60)])).toEqual([
      [false, 'The plan for stack identity changes a resource no spec chang'],
      [true, 'The plan for stack identity changes the policy of aws_iam_ro'],
    ]);
    expect(warnings[0]!.message).toContain('okta_group.group_dev');
    expect(warnings[0]!.message).not.toContain('aws_iam_role_policy');
  });
});
