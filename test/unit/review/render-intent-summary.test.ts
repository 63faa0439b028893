import { describe, expect, it } from '@jest/globals';
import type { ChainFinding } from '../../../src/review/chain-checks.js';
import type { PlanWarning } from '../../../src/review/confirm-against-plan.js';
import { estimateCost } from '../../../src/review/cost/estimate-cost.js';
import { diffIntent, type BaseInput } from '../../../src/review/intent-changes.js';
import { renderIntentSummary } from '../../../src/review/render-intent-summary.js';
import { SLACK_SECTION_LIMIT, renderIntentSummarySlack } from '../../../src/review/render-intent-summary-slack.js';
import type { IntentSummaryInput } from '../../../src/review/summary-sections.js';
import type { IntentSpec } from '../../../src/specs/model.js';
import { readStructure } from '../plan-render/markdown-structure.js';
import { ACCOUNT, ADMIN, DAY, HOUR, NOW, PRICES, READ_ONLY, bucket, ec2, group, role, user } from './fixtures.js';

const secEng = group('security-engineering');
const readonlyRole = role('security-readonly', { oktaGroup: 'security-engineering', managedPolicyArns: [READ_ONLY] });
const bruce = (groups: string[], extra = {}) =>
  user('bruce-lee', {
    email: 'bruce.lee@demoac.com',
    login: 'bruce.lee@demoac.com',
    firstName: 'Bruce',
    lastName: 'Lee',
    groups,
    ...extra,
  });
const ann = (groups: string[], extra = {}) => user('ann', { firstName: 'Ann', lastName: 'Smith', groups, ...extra });

interface Case {
  base: IntentSpec[] | BaseInput;
  head: IntentSpec[];
  expiries?: Map<string, string>;
  chain?: ChainFinding[];
  planWarnings?: PlanWarning[];
}

function summaryInput({ base, head, expiries, chain, planWarnings }: Case): IntentSummaryInput {
  const changes = diffIntent({
    base: Array.isArray(base) ? { specs: base } : base,
    head,
    now: NOW,
    awsAccountId: ACCOUNT,
    ...(expiries && { expiries }),
  });
  return {
    changes,
    cost: estimateCost(changes, { prices: PRICES }),
    ...(chain && { chain }),
    ...(planWarnings && { planWarnings }),
  };
}

function render(c: Case) {
  const input = summaryInput(c);
  const markdown = renderIntentSummary(input);
  const slack = renderIntentSummarySlack(input);
  expect(readStructure(markdown).problems).toEqual([]);
  for (const section of slack.sections) expect(section.length).toBeLessThanOrEqual(SLACK_SECTION_LIMIT);
  return { markdown, slack };
}

const soon = new Date(NOW.getTime() + 5 * HOUR).toISOString();
const overdue = new Date(NOW.getTime() - 2 * HOUR).toISOString();

describe('intent summary › each kind of change', () => {
  it('access gained › snapshot', () => {
    expect(
      render({
        base: [secEng, readonlyRole, bruce([])],
        head: [secEng, readonlyRole, bruce(['security-engineering'])],
      }),
    ).toMatchSnapshot();
  });

  it('temporary access › says until when', () => {
    const temp = bruce(['security-engineering'], {});
    temp.metadata = { ...temp.metadata, expiresAt: new Date(NOW.getTime() + 3 * DAY).toISOString() };
    const { markdown } = render({ base: [secEng, readonlyRole], head: [secEng, readonlyRole, temp] });
    expect(markdown).toContain(
      '- new user `bruce.lee@demoac.com` joins _security-engineering_ → can assume **security-readonly** (ReadOnlyAccess) in account 123456789012 for up to 1h, until 2026-11-24 12:00 UTC (in 3d)',
    );
  });

  it('access lost › listed first, marked removed › snapshot', () => {
    const base = [secEng, readonlyRole, bruce(['security-engineering']), ann(['security-engineering'])];
    const head = [
      secEng,
      { ...readonlyRole, spec: { ...readonlyRole.spec, managedPolicyArns: [ADMIN] } },
      bruce([]),
      ann(['security-engineering'], { status: 'SUSPENDED' }),
      user('carl', { groups: ['security-engineering'] }),
    ];
    const { markdown, slack } = render({ base, head });
    expect(markdown.indexOf('Access removed')).toBeLessThan(markdown.indexOf('Access gained'));
    expect({ markdown, slack }).toMatchSnapshot();
  });

  it('resources created › snapshot, with cost up and the cost until expiry', () => {
    const head = [
      secEng,
      bruce(['security-engineering']),
      role('security-readonly', {
        oktaGroup: 'security-engineering',
        managedPolicyArns: [READ_ONLY],
        maxSessionDurationSeconds: 4 * 3600,
      }),
      ec2('devbox', { ssh: { allowFrom: ['10.0.0.0/8'] } }, { ttl: '3d', ttlMs: 3 * DAY }),
      bucket('logs'),
      ec2('trial', { instanceType: 't3.large' }, { expiresAt: new Date(NOW.getTime() + 5 * DAY).toISOString() }),
    ];
    expect(render({ base: [], head })).toMatchSnapshot();
  });

  it('resources destroyed › snapshot, with cost down', () => {
    expect(render({ base: [ec2('devbox'), bucket('logs'), group('ops')], head: [group('ops')] })).toMatchSnapshot();
  });

  it('resources changed and expiring › snapshot', () => {
    const deadline = new Date(NOW.getTime() + 2 * DAY).toISOString();
    const base = [
      ec2('resized', { instanceType: 't3.micro' }),
      ec2('extended', {}, { ttl: '1d', ttlMs: DAY }),
      ec2('due', {}, { expiresAt: soon }),
      ec2('overdue', {}, { expiresAt: overdue }),
      bucket('kept', { versioning: true }, { expiresAt: '2026-12-01T00:00:00.000Z' }),
    ];
    const head = [
      ec2(
        'resized',
        { instanceType: 't3.large', userData: `#!/bin/sh\n${'echo hello; '.repeat(20)}` },
        { labels: { team: 'a' } },
      ),
      ec2('extended', {}, { ttl: '3d', ttlMs: 3 * DAY }),
      ec2('due', {}, { expiresAt: soon }),
      ec2('overdue', {}, { expiresAt: overdue }),
      bucket('kept', { versioning: false }),
    ];
    expect(render({ base, head, expiries: new Map([['Ec2Instance/extended', deadline]]) })).toMatchSnapshot();
  });

  it('cost unchanged › no cost section at all', () => {
    const { markdown, slack } = render({
      base: [ec2('box'), bucket('b')],
      head: [ec2('box', { tags: { a: 'b' } }), bucket('b', { versioning: false })],
    });
    expect(markdown).not.toMatch(/cost/i);
    expect(slack.sections.join('\n')).not.toMatch(/cost/i);
    expect(slack.fallback).toBe('Intent summary: specs: 2 changed');
  });

  it('cost unknown › "unknown" with the reason, never a number › snapshot', () => {
    const { markdown } = render({ base: [], head: [ec2('big', { instanceType: 'x2iedn.32xlarge' }), ec2('small')] });
    expect(markdown).toMatch(
      /\| `ec2-big` \| — \| unknown \| unknown \| the price table \(2026-11-01\) has no price for x2iedn\.32xlarge in us-east-1 \|/,
    );
    expect(markdown).toMatchSnapshot();
  });

  it('a base that no longer parses › says so and still shows the head side › snapshot', () => {
    const base = {
      invalid: true as const,
      problems: ['infra-specs/people/ann.yaml:4:3: spec.gruops is not a known field (did you mean groups?)'],
    };
    const { markdown, slack } = render({
      base,
      head: [secEng, readonlyRole, bruce(['security-engineering']), ec2('box')],
    });
    expect(markdown).toMatch(/base branch specs no longer parse/);
    expect(markdown).toMatch(/bruce\.lee@demoac\.com/);
    expect({ markdown, slack }).toMatchSnapshot();
  });

  it('chain-check and plan warnings › listed last › snapshot', () => {
    const chain: ChainFinding[] = [
      {
        severity: 'warning',
        specKey: 'IamSsoRole/security-readonly',
        file: 'x.yaml',
        message:
          'nobody can assume security-readonly yet: group security-engineering has no active members in the specs',
      },
      {
        severity: 'error',
        specKey: 'IamSsoRole/security-readonly',
        file: 'x.yaml',
        message:
          'role security-readonly: the trust policy does not require SAML:aud = https://signin.aws.amazon.com/saml',
      },
    ];
    const planWarnings: PlanWarning[] = [
      {
        stack: 'ec2-box',
        message:
          'The plan for stack ec2-box replaces aws_instance.instance (replace_because_tainted), but Ec2Instance/box did not change or go away.',
      },
    ];
    expect(render({ base: [], head: [secEng, readonlyRole], chain, planWarnings })).toMatchSnapshot();
  });

  it('no changes › says so', () => {
    const { markdown, slack } = render({ base: [ec2('box')], head: [ec2('box')] });
    expect(markdown).toBe('#### 🧭 Intent summary\n\nNo changes to the intent specs.');
    expect(slack).toEqual({
      fallback: 'Intent summary: no changes to the intent specs',
      sections: ['No changes to the intent specs.'],
    });
  });
});

describe('intent summary › limits and escaping', () => {
  it('300 people join a group › Slack sections stay under 2,900 characters and count what they leave out', () => {
    const people = Array.from({ length: 300 }, (_, i) => user(`person-${String(i).padStart(3, '0')}`, { groups: [] }));
    const joined = people.map((p) => ({ ...p, spec: { ...p.spec, groups: ['security-engineering'] } }));
    const { markdown, slack } = render({
      base: [secEng, readonlyRole, ...people],
      head: [secEng, readonlyRole, ...joined],
    });
    const gained = slack.sections.find((s) => s.includes('Access gained'))!;
    expect(gained.length).toBeLessThanOrEqual(SLACK_SECTION_LIMIT);
    const listed = gained.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(gained.endsWith(`… and ${300 - listed} more`)).toBe(true);
    expect(markdown).toMatch(/^- … and 250 more$/m);
  });

  it('one very long line › cut with "…" inside the line, code spans kept whole', () => {
    const problems = ['x'.repeat(5000)];
    const { slack } = render({ base: { invalid: true, problems }, head: [ec2('box')] });
    const [base] = slack.sections;
    expect(base!.length).toBeLessThanOrEqual(SLACK_SECTION_LIMIT);
    expect(base).toMatch(/x…$/);
  });

  it('names people wrote › cannot open markup or mention anyone', () => {
    const hostile = group('hostile', { displayName: '<!channel> @here </details> **bold** `tick` [link](http://x)' });
    const member = user('eve', { groups: ['hostile'], login: 'eve@demoac.com' });
    const r = role('r', { oktaGroup: 'hostile', managedPolicyArns: [READ_ONLY] });
    const { markdown, slack } = render({ base: [hostile, r], head: [hostile, r, member] });
    expect(markdown).not.toMatch(/<!channel>|<\/details>|\*\*bold\*\*|\[link\]\(/);
    expect(markdown).not.toMatch(/@here/);
    const text = slack.sections.join('\n');
    expect(text).not.toMatch(/<!channel>|<\/details>/);
    expect(text).toContain('&lt;!channel&gt;');
  });
});
