import { describe, expect, it } from '@jest/globals';
import { diffIntent } from '../../../src/review/intent-changes.js';
import { renderIntentSummary } from '../../../src/review/render-intent-summary.js';
import { renderIntentSummarySlack } from '../../../src/review/render-intent-summary-slack.js';
import { toMarkdown } from '../../../src/review/rich-text.js';
import type { IamPolicyDocument, IntentSpec } from '../../../src/specs/model.js';
import { ADMIN, NOW, READ_ONLY, group, role } from './fixtures.js';

const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const LOGS = 'arn:aws:s3:::logs/*';
const policy = (...Statement: IamPolicyDocument['Statement']): IamPolicyDocument => ({
  Version: '2012-10-17',
  Statement,
});
const reader = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: LOGS });
const s3All = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
const ops = group('ops');
const dev = group('dev');
const x = (spec: Parameters<typeof role>[1]) => role('x', { oktaGroup: 'ops', ...spec });

const permissions = (base: IntentSpec[], head: IntentSpec[]) =>
  diffIntent({ base: { specs: base }, head, now: NOW }).permissions.map(
    (p) => `${p.direction}${p.broad ? ' (broad)' : ''}: ${toMarkdown(p.line)}`,
  );

describe('permissionChanges', () => {
  const cases: Array<[string, IntentSpec[], IntentSpec[], string[]]> = [
    [
      'inline policy widened to s3:* on *',
      [ops, x({ inlinePolicy: reader })],
      [ops, x({ inlinePolicy: s3All })],
      [
        // Nothing is lost: s3:* on * covers s3:GetObject on the logs bucket.
        'widened (broad): role `x` now allows `s3:*` on `*` (was `s3:GetObject` on `arn:aws:s3:::logs/*`)',
      ],
    ],
    [
      'inline policy narrowed',
      [ops, x({ inlinePolicy: s3All })],
      [ops, x({ inlinePolicy: reader })],
      ['narrowed: role `x` no longer allows `s3:*` on `*`'],
    ],
    [
      'inline policy rewritten with the same permissions (order, string vs list, Sid)',
      [ops, x({ inlinePolicy: policy({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: LOGS }) })],
      [
        ops,
        x({
          inlinePolicy: policy({
            Sid: 'Read',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: [LOGS],
          }),
        }),
      ],
      [],
    ],
    [
      'a Deny removed',
      [
        ops,
        x({ inlinePolicy: policy(s3All.Statement[0]!, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) }),
      ],
      [ops, x({ inlinePolicy: s3All })],
      ['widened: role `x` now allows what it denied: `s3:DeleteBucket` on `*` (was `s3:*` on `*`)'],
    ],
    [
      'a Deny added',
      [ops, x({ inlinePolicy: s3All })],
      [
        ops,
        x({ inlinePolicy: policy(s3All.Statement[0]!, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) }),
      ],
      ['narrowed: role `x` now denies `s3:DeleteBucket` on `*`'],
    ],
    [
      'inline policy added to a role',
      [ops, x({ managedPolicyArns: [READ_ONLY] })],
      [ops, x({ managedPolicyArns: [READ_ONLY], inlinePolicy: reader })],
      ['widened: role `x` now allows `s3:GetObject` on `arn:aws:s3:::logs/*` (was nothing)'],
    ],
    [
      'AdministratorAccess attached, ReadOnlyAccess detached',
      [ops, x({ managedPolicyArns: [READ_ONLY] })],
      [ops, x({ managedPolicyArns: [ADMIN] })],
      [
        'widened (broad): role `x` gets **AdministratorAccess** (full access to every service and resource in the account)',
        'narrowed: role `x` loses `ReadOnlyAccess`',
      ],
    ],
    [
      'PowerUserAccess attached',
      [ops, x({ managedPolicyArns: [READ_ONLY] })],
      [ops, x({ managedPolicyArns: [READ_ONLY, POWER] })],
      [
        'widened (broad): role `x` gets **PowerUserAccess** (full access to every service except IAM and Organizations)',
      ],
    ],
    [
      'a new role',
      [ops],
      [ops, x({ managedPolicyArns: [READ_ONLY], inlinePolicy: reader })],
      [
        'widened: role `x` (new) allows `s3:GetObject` on `arn:aws:s3:::logs/*`',
        'widened: role `x` (new) gets `ReadOnlyAccess`',
        'widened: Okta group `ops` is assigned role `x` through the AWS app',
      ],
    ],
    [
      'a role deleted',
      [ops, x({ inlinePolicy: reader })],
      [ops],
      [
        'narrowed: role `x` is deleted: it no longer allows `s3:GetObject` on `arn:aws:s3:::logs/*`',
        'narrowed: Okta group `ops` is no longer assigned role `x` through the AWS app',
      ],
    ],
    [
      'a role moved to another group',
      [ops, dev, x({ managedPolicyArns: [READ_ONLY] })],
      [ops, dev, x({ oktaGroup: 'dev', managedPolicyArns: [READ_ONLY] })],
      [
        'widened: Okta group `dev` is assigned role `x` through the AWS app',
        'narrowed: Okta group `ops` is no longer assigned role `x` through the AWS app',
      ],
    ],
    [
      'a session change only',
      [ops, x({ managedPolicyArns: [READ_ONLY] })],
      [ops, x({ managedPolicyArns: [READ_ONLY], maxSessionDurationSeconds: 7200 })],
      [],
    ],
  ];
  it.each(cases)('%s', (_name, base, head, expected) => {
    expect(permissions(base, head)).toEqual(expected);
  });

  it('a base that does not parse › no permission lines (nothing to compare with)', () => {
    const changes = diffIntent({
      base: { invalid: true, problems: ['x'] },
      head: [ops, x({ managedPolicyArns: [ADMIN] })],
      now: NOW,
    });
    expect(changes.permissions).toEqual([]);
  });
});

describe('intent summary › permissions section', () => {
  const changes = diffIntent({
    base: { specs: [ops, x({ inlinePolicy: reader, managedPolicyArns: [READ_ONLY] })] },
    head: [ops, x({ inlinePolicy: s3All })],
    now: NOW,
  });

  it('comes first, says "Permissions widened" plainly, then the narrowing', () => {
    const markdown = renderIntentSummary({ changes });
    const lines = markdown.split('\n').filter((l) => l.length > 0);
    expect(lines.slice(0, 4)).toEqual([
      '#### 🧭 Intent summary',
      '⚠️ **Permissions widened**',
      '- ⚠️ **Permissions widened:** role `x` now allows `s3:*` on `*` (was `s3:GetObject` on `arn:aws:s3:::logs/*`)',
      '- Permissions narrowed: role `x` loses `ReadOnlyAccess`',
    ]);
  });

  it('in Slack too: first section, and in the notification text', () => {
    const slack = renderIntentSummarySlack({ changes });
    expect(slack.sections[0]).toBe(
      [
        '⚠️ *Permissions widened*',
        '• ⚠️ *Permissions widened:* role `x` now allows `s3:*` on `*` (was `s3:GetObject` on `arn:aws:s3:::logs/*`)',
        '• Permissions narrowed: role `x` loses `ReadOnlyAccess`',
      ].join('\n'),
    );
    expect(slack.fallback).toMatch(/^Intent summary: ⚠️ permissions widened \(1\)/);
  });

  it('only narrowed › a quieter title', () => {
    const narrowed = diffIntent({
      base: { specs: [ops, x({ inlinePolicy: s3All })] },
      head: [ops, x({ inlinePolicy: reader })],
      now: NOW,
    });
    const markdown = renderIntentSummary({ changes: narrowed });
    expect(markdown).toContain('🔽 **Permissions narrowed**');
    expect(markdown).not.toContain('Permissions widened');
  });
});
