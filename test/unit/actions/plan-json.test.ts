import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { canonicalJson, planDigest, sanitizePlanJson } from '../../../src/plan/actions-plan-json.js';
import { parsePlanJson } from '../../../src/plan/terraform-json.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';

const PASSWORD = 'hunter2-Canary-9f3b';
const NEW_PASSWORD = 'correct-horse-Canary-77';

function rawPlan(password = PASSWORD, extra: Record<string, unknown> = {}) {
  return {
    format_version: '1.2',
    terraform_version: '1.13.4',
    planned_values: { root_module: { resources: [{ address: 'aws_db_instance.db', values: { password } }] } },
    prior_state: { values: { root_module: { resources: [{ values: { password: 'old-Canary-state' } }] } } },
    configuration: { root_module: { resources: [{ expressions: { password: { constant_value: password } } }] } },
    variables: { db_password: { value: password } },
    resource_changes: [
      {
        address: 'aws_db_instance.db',
        mode: 'managed',
        type: 'aws_db_instance',
        name: 'db',
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: {
          actions: ['update'],
          before: { password: 'old-Canary-state', nested: { token: 'old-Canary-token', keep: 1 }, tags: { a: 'b' } },
          after: { password, nested: { token: 'new-Canary-token', keep: 1 }, tags: { a: 'c' } },
          after_unknown: {},
          before_sensitive: { password: true, nested: { token: true } },
          after_sensitive: { password: true, nested: { token: true } },
        },
      },
      {
        address: 'aws_s3_bucket.logs',
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: 'logs',
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: {
          actions: ['no-op'],
          before: { bucket: 'acme-logs' },
          after: { bucket: 'acme-logs' },
          after_unknown: {},
        },
      },
    ],
    output_changes: {
      secret_out: {
        actions: ['create'],
        before: null,
        after: 'output-Canary-value',
        after_unknown: false,
        after_sensitive: true,
      },
    },
    timestamp: '2026-11-21T12:00:00Z',
    ...extra,
  };
}

describe('sanitizePlanJson', () => {
  it('sensitive values › none of them survive anywhere, prior state and configuration are dropped', () => {
    const text = JSON.stringify(sanitizePlanJson(JSON.stringify(rawPlan()), randomBytes(32)));
    expect(text).not.toMatch(/Canary/);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual([
      'format_version',
      'output_changes',
      'resource_changes',
      'terraform_version',
    ]);
  });

  it('what is not sensitive is kept exactly, and the result is still a plan the app can read', () => {
    const sanitized = sanitizePlanJson(JSON.stringify(rawPlan()), randomBytes(32));
    const parsed = parsePlanJson(JSON.stringify(sanitized));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const change = parsed.plan.resource_changes![0]!.change;
    expect(change.before).toMatchObject({ nested: { keep: 1 }, tags: { a: 'b' } });
    expect(change.after).toMatchObject({ nested: { keep: 1 }, tags: { a: 'c' } });
    expect(parsed.plan.resource_changes![1]!.change.after).toEqual({ bucket: 'acme-logs' });
  });

  it('fingerprints › equal secrets look equal and different ones different, so a changed secret still shows', () => {
    const key = randomBytes(32);
    const same = sanitizePlanJson(JSON.stringify(rawPlan()), key) as {
      resource_changes: { change: { before: { password: string }; after: { password: string } } }[];
    };
    const { before, after } = same.resource_changes[0]!.change;
    expect(after.password).toMatch(/^\(sensitive #[0-9a-f]{12}\)$/);
    expect(after.password).not.toBe(before.password);

    const plan = rawPlan();
    plan.resource_changes[0]!.change.before.password = PASSWORD;
    const unchanged = sanitizePlanJson(JSON.stringify(plan), key) as typeof same;
    expect(unchanged.resource_changes[0]!.change.before.password).toBe(
      unchanged.resource_changes[0]!.change.after.password,
    );
  });

  it('fingerprints › a different key gives different fingerprints (they cannot be looked up across plans)', () => {
    const a = JSON.stringify(sanitizePlanJson(JSON.stringify(rawPlan()), randomBytes(32)));
    const b = JSON.stringify(sanitizePlanJson(JSON.stringify(rawPlan()), randomBytes(32)));
    expect(a).not.toBe(b);
  });

  it('the summary the comment is built from › marks the secret changed without showing it', () => {
    const sanitized = sanitizePlanJson(JSON.stringify(rawPlan()), randomBytes(32));
    const parsed = parsePlanJson(JSON.stringify(sanitized));
    if (!parsed.ok) throw new Error(parsed.error);
    const summary = JSON.stringify(summarizePlan(parsed.plan, { secrets: [] }));
    expect(summary).not.toMatch(/Canary|sensitive #/);
    expect(summary).toMatch(/password/);
  });

  it.each(['[1,2]', '"text"', 'null'])('a plan that is not an object (%s) › throws', (text) => {
    expect(() => sanitizePlanJson(text, randomBytes(32))).toThrow(TypeError);
  });
});

describe('planDigest', () => {
  it('equal for the raw plan and its sanitized form, whatever the key', () => {
    const raw = rawPlan();
    const digest = planDigest(raw);
    expect(digest).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(planDigest(sanitizePlanJson(JSON.stringify(raw), randomBytes(32)))).toBe(digest);
    expect(planDigest(sanitizePlanJson(JSON.stringify(raw), randomBytes(32)))).toBe(digest);
  });

  it('ignores what an apply does not do: no-op resources, before values, timestamps, key order', () => {
    const digest = planDigest(rawPlan());
    const drifted = rawPlan(PASSWORD, { timestamp: '2027-01-01T00:00:00Z' });
    drifted.resource_changes[0]!.change.before.tags = { a: 'drifted' };
    drifted.resource_changes[1]!.change.before = { bucket: 'other' };
    expect(planDigest(drifted)).toBe(digest);
    const reordered = JSON.parse(canonicalJson(rawPlan())) as unknown;
    expect(planDigest(reordered)).toBe(digest);
  });

  it.each([
    ['a planned value', (p: ReturnType<typeof rawPlan>) => (p.resource_changes[0]!.change.after.tags = { a: 'd' })],
    ['the actions', (p: ReturnType<typeof rawPlan>) => (p.resource_changes[0]!.change.actions = ['delete', 'create'])],
    ['an address', (p: ReturnType<typeof rawPlan>) => (p.resource_changes[0]!.address = 'aws_db_instance.other')],
    [
      'a no-op becoming a change',
      (p: ReturnType<typeof rawPlan>) => (p.resource_changes[1]!.change.actions = ['update']),
    ],
    ['an output', (p: ReturnType<typeof rawPlan>) => (p.output_changes.secret_out.actions = ['update'])],
  ])('changes with %s', (_what, mutate) => {
    const plan = rawPlan();
    mutate(plan);
    expect(planDigest(plan)).not.toBe(planDigest(rawPlan()));
  });

  it('a changed sensitive value does not change the digest (documented: the digest never depends on secrets)', () => {
    expect(planDigest(rawPlan(NEW_PASSWORD))).toBe(planDigest(rawPlan()));
  });
});
