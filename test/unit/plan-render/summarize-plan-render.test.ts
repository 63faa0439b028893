import { describe, expect, it } from '@jest/globals';
import { renderPlanComment } from '../../../src/plan/render-plan-comment.js';
import { shortCounts, terraformWording, addCounts } from '../../../src/plan/render-counts.js';
import { renderDrift } from '../../../src/plan/render-drift-diff.js';
import { renderOutputChanges } from '../../../src/plan/render-output-diff.js';
import { secretScrubber } from '../../../src/plan/render-redact.js';
import { RESOURCE_HEADER, renderResourceChange } from '../../../src/plan/render-resource-diff.js';
import { windowPair } from '../../../src/plan/render-value-diff.js';
import { emptyCounts, summarizePlan, type PlanSummary } from '../../../src/plan/summarize-plan.js';
import { plan, resourceChange } from './fixtures.js';
import { readStructure } from './markdown-structure.js';

const none = secretScrubber();
const render = (summary: PlanSummary) => summary.changes.map((c) => renderResourceChange(c, none)).join('\n\n');
const comment = (summary: PlanSummary) =>
  renderPlanComment({
    marker: 'infra-bot:plan',
    repo: 'acme/infra',
    pr: 7,
    headSha: 'a'.repeat(40),
    stacks: [{ stack: 'iam', outcome: 'planned', summary }],
  }).join('\n');

describe('long values › the difference is always visible', () => {
  it('a policy widened past character 500 › shows the widened action, not two equal prefixes', () => {
    const padding = Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`);
    const doc = (action: string) =>
      JSON.stringify({ Statement: [{ Effect: 'Allow', Resource: padding, Action: action }] });
    expect(doc('s3:GetObject').indexOf('s3:GetObject')).toBeGreaterThan(500);
    const summary = summarizePlan(
      plan([
        resourceChange('aws_iam_policy.p', ['update'], {
          before: { policy: doc('s3:GetObject') },
          after: { policy: doc('*') },
        }),
      ]),
    );
    const text = render(summary);
    expect(text).toContain('! policy › Statement[0] › Action = "s3:GetObject" -> "*"');
  });

  it('a long plain string changed near its end › the differing window with the elided count', () => {
    const before = `${'x'.repeat(1300)}GetObject${'y'.repeat(100)}`;
    const after = `${'x'.repeat(1300)}*${'y'.repeat(100)}`;
    const [b, a] = windowPair(before, after, 500);
    expect(b).toBe(`…(1,260 chars same)…${'x'.repeat(40)}GetObject${'y'.repeat(40)}…(60 chars same)…`);
    expect(a).toBe(`…(1,260 chars same)…${'x'.repeat(40)}*${'y'.repeat(40)}…(60 chars same)…`);
  });

  it('short values › untouched; a pair never splits a surrogate pair', () => {
    expect(windowPair('a', 'b', 500)).toEqual(['a', 'b']);
    const [b, a] = windowPair(`${'🚀'.repeat(300)}a`, `${'🚀'.repeat(300)}b`, 500);
    for (const text of [b, a])
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(b.endsWith('a')).toBe(true);
    expect(a.endsWith('b')).toBe(true);
  });
});

describe('imports, moves, replace order, outputs and drift', () => {
  const imported = resourceChange('aws_s3_bucket.logs', ['no-op'], {
    before: { bucket: 'logs' },
    after: { bucket: 'logs' },
    importing: { id: 'logs' },
  });
  const moved = resourceChange(
    'aws_instance.new',
    ['no-op'],
    { before: { ami: 'a' }, after: { ami: 'a' } },
    { previous_address: 'aws_instance.old' },
  );
  const replaced = resourceChange(
    'aws_instance.db',
    ['create', 'delete'],
    { before: { ami: 'a' }, after: { ami: 'b' }, replace_paths: [['ami']] },
    { action_reason: 'replace_because_cannot_update' },
  );

  it('an import-only plan › is NOT "no changes"; counted and rendered with its id', () => {
    const summary = summarizePlan(plan([imported]));
    expect(summary.noChanges).toBe(false);
    expect(summary.counts.import).toBe(1);
    expect(summary.changes[0]).toMatchObject({ action: 'import', importing: { id: 'logs' } });
    expect(render(summary)).toBe(
      '**⇐ import (added to state, nothing else changes)** `aws_s3_bucket.logs` — imported from id `logs`',
    );
    expect(terraformWording(summary.counts)).toBe('1 to import, 0 to add, 0 to change, 0 to destroy');
  });

  it('a move-only plan › is NOT "no changes"; names the old address', () => {
    const summary = summarizePlan(plan([moved]));
    expect(summary.noChanges).toBe(false);
    expect(summary.counts.move).toBe(1);
    expect(summary.changes[0]).toMatchObject({ action: 'move', previousAddress: 'aws_instance.old' });
    expect(render(summary)).toContain('moved from `aws_instance.old`');
    expect(shortCounts(summary.counts)).toBe('+0 ~0 -0 ±0 · 1 move');
  });

  it('replace order and reason › in plain words', () => {
    const text = render(summarizePlan(plan([replaced])));
    expect(text).toContain(
      '**+/- replace (create the new one, then destroy the old)** `aws_instance.db` — some changes cannot be made in place',
    );
    expect(text).toContain('! ami = "a" -> "b"  # forces replacement');
  });

  it('an outputs-only plan › NOT "no changes"; sensitive and unknown values never shown', () => {
    const summary = summarizePlan(
      plan([], {
        output_changes: {
          url: {
            actions: ['update'],
            before: 'http://a',
            after: 'http://b',
            after_unknown: false,
            before_sensitive: false,
            after_sensitive: false,
          },
          token: {
            actions: ['create'],
            before: null,
            after: 'hunter2-token',
            after_unknown: false,
            before_sensitive: false,
            after_sensitive: true,
          },
          arn: {
            actions: ['create'],
            before: null,
            after: null,
            after_unknown: true,
            before_sensitive: false,
            after_sensitive: false,
          },
          same: {
            actions: ['no-op'],
            before: 1,
            after: 1,
            after_unknown: false,
            before_sensitive: false,
            after_sensitive: false,
          },
        },
      }),
    );
    expect(summary.noChanges).toBe(false);
    expect(summary.counts.outputs).toBe(3);
    expect(summary.outputs?.map((o) => [o.name, o.action, o.sensitive, o.unknown])).toEqual([
      ['arn', 'create', false, true],
      ['token', 'create', true, false],
      ['url', 'update', false, false],
    ]);
    const text = renderOutputChanges(summary, none)!;
    expect(text).not.toContain('hunter2');
    expect(text).toContain('+ (value) = (sensitive)');
    expect(text).toContain('+ (value) = (known after apply)');
    expect(text).toContain('! (value) = "http://a" -> "http://b"');
    expect(readStructure(text).problems).toEqual([]);
    expect(comment(summary)).toContain('**Outputs** — 3 outputs will change');
    expect(terraformWording(summary.counts)).toBe('0 to add, 0 to change, 0 to destroy; 3 outputs change');
  });

  it('drift › "changed outside infra-bot" with the attribute diff, shown in the stack section', () => {
    const drifted = resourceChange('aws_instance.web', ['update'], {
      before: { instance_type: 't3.micro' },
      after: { instance_type: 't3.large' },
    });
    const update = resourceChange('aws_instance.web', ['update'], { before: { ami: 'a' }, after: { ami: 'b' } });
    const summary = summarizePlan(plan([update], { resource_drift: [drifted] }));
    expect(summary.drift).toHaveLength(1);
    const text = renderDrift(summary, none)!;
    expect(text).toContain('`aws_instance.web` changed outside infra-bot');
    expect(text).toContain('! instance_type = "t3.micro" -> "t3.large"');
    expect(comment(summary)).toContain('**Changed outside infra-bot**');
    expect(renderDrift(summarizePlan(plan([update])), none)).toBeUndefined();
  });

  it('counts stored before import/move/outputs existed › still add up', () => {
    const old = { create: 1, update: 0, delete: 0, replace: 0, read: 0, forget: 0 };
    expect(addCounts([old, { ...emptyCounts(), import: 2 }])).toMatchObject({ create: 1, import: 2, move: 0 });
    expect(shortCounts(old)).toBe('+1 ~0 -0 ±0');
  });
});

describe('hostile content › renders literally, structure intact, nothing leaked', () => {
  it.each([
    ['backticks', '```` and ` and ``'],
    ['a closing details tag', '</details></summary><details>'],
    ['table pipes', '| a | b |\n|---|'],
    ['non-ASCII', 'Zürich — 東京 — 🚀'],
    ['HTML', '<img src=x onerror=alert(1)>'],
  ])('%s in a value, a map key and an address › one balanced block', (_name, evil) => {
    const address = `aws_x.y[${JSON.stringify(evil)}]`;
    const change = resourceChange(address, ['update'], {
      before: { v: 'old', tags: { [evil]: 'a' }, list: ['x'] },
      after: { v: evil, tags: { [evil]: 'b' }, list: ['x', evil] },
    });
    const body = comment(summarizePlan(plan([change])));
    const { problems, markupLines } = readStructure(body);
    expect(problems).toEqual([]);
    expect(markupLines.filter((l) => l.includes('</details>'))).toEqual(['</details>']);
    expect(markupLines.some((l) => l.includes('<img'))).toBe(false);
  });

  it('sensitive markers on nested values inside a list › hidden, neighbours aligned', () => {
    const change = resourceChange('aws_x.y', ['update'], {
      before: { users: [{ name: 'a', password: 'old-secret-1' }] },
      after: {
        users: [
          { name: 'a', password: 'new-secret-2' },
          { name: 'b', password: 'new-secret-3' },
        ],
      },
      before_sensitive: { users: [{ password: true }] },
      after_sensitive: { users: [{ password: true }, { password: true }] },
    });
    const summary = summarizePlan(plan([change]));
    const text = JSON.stringify(summary) + render(summary);
    for (const secret of ['old-secret-1', 'new-secret-2', 'new-secret-3']) expect(text).not.toContain(secret);
    expect(render(summary)).toContain('  users.1 {\n+   name     = "b"\n+   password = (sensitive)\n  }');
  });
});

describe('format 0.1 plans (no sensitivity markers) and resource headers', () => {
  it('values whose name looks secret › hidden by name', () => {
    const change = resourceChange('aws_db_instance.db', ['update'], {
      before: { password: 'old-pw-1', master_token: 'a', port: 1 },
      after: { password: 'new-pw-2', master_token: 'b', port: 2 },
    });
    const summary = summarizePlan(plan([change], { format_version: '0.1' }));
    const text = JSON.stringify(summary);
    for (const secret of ['old-pw-1', 'new-pw-2']) expect(text).not.toContain(secret);
    expect(summary.changes[0]!.attributes.map((a) => [a.path, a.sensitive])).toEqual([
      ['master_token', true],
      ['password', true],
      ['port', false],
    ]);
    // A 1.x plan carries Terraform's own markers: names are not guessed.
    expect(summarizePlan(plan([change])).changes[0]!.attributes[1]!.sensitive).toBe(false);
  });

  it('every action label › is recognised as a resource header (cuts count dropped resources)', () => {
    const changes = [
      resourceChange('aws_x.import', ['no-op'], { importing: {} }),
      resourceChange('aws_x.move', ['no-op'], {}, { previous_address: 'aws_x.old' }),
      resourceChange('aws_x.a', ['delete', 'create'], { before: { a: 1 }, after: { a: 2 } }),
      resourceChange('aws_x.b', ['create', 'delete'], { before: { a: 1 }, after: { a: 2 } }),
      resourceChange('aws_x.c', ['forget'], { before: { a: 1 } }),
      resourceChange('aws_x.d', ['create'], { after: { a: 1 } }),
    ];
    const headers = summarizePlan(plan(changes)).changes.map((c) => renderResourceChange(c, none).split('\n')[0]!);
    expect(headers).toHaveLength(6);
    for (const header of headers) expect(header).toMatch(RESOURCE_HEADER);
  });

  it('drift on a plan with no changes › still shown under "No changes"', () => {
    const drifted = resourceChange('aws_instance.web', ['update'], { before: { a: '1' }, after: { a: '2' } });
    const summary = summarizePlan(plan([], { resource_drift: [drifted] }));
    expect(summary.noChanges).toBe(true);
    const body = comment(summary);
    expect(body).toContain('No changes.');
    expect(body).toContain('**Changed outside infra-bot**');
  });
});

describe('nested blocks › read nested', () => {
  it('two or more changes in one block element › grouped under it; a single one stays a flat path', () => {
    const rule = (port: number, description: string) => ({ from_port: port, to_port: port, description });
    const change = resourceChange('aws_security_group.x', ['update'], {
      before: { name: 'a', ingress: [rule(22, 'ssh'), rule(80, 'web')], egress: [rule(1, 'x')] },
      after: { name: 'b', ingress: [rule(22, 'ssh'), rule(8080, 'web-alt')], egress: [rule(1, 'y')] },
    });
    expect(render(summarizePlan(plan([change])))).toBe(
      [
        '**~ update in place** `aws_security_group.x`',
        '',
        '```diff',
        '! egress.0.description = "x" -> "y"',
        '  ingress.1 {',
        '!   description = "web" -> "web-alt"',
        '!   from_port   = 80 -> 8080',
        '!   to_port     = 80 -> 8080',
        '  }',
        '  # ingress: 1 unchanged element hidden',
        '! name                 = "a" -> "b"',
        '```',
      ].join('\n'),
    );
  });
});
