import { describe, expect, it } from '@jest/globals';
import { alignLists, LCS_MAX_CELLS } from '../../../src/plan/diff-align-lists.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { plan, resourceChange } from './fixtures.js';

const only = (change: ReturnType<typeof resourceChange>, options = {}) =>
  summarizePlan(plan([change]), options).changes[0]!;

const rule = (port: number, cidr = '10.0.0.0/8') => ({
  from_port: port,
  to_port: port,
  protocol: 'tcp',
  cidr_blocks: [cidr],
});

describe('summarizePlan › lists aligned by content', () => {
  it('one element added to a set › ONE added element, the others hidden with a count', () => {
    const before = { cidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'] };
    const after = { cidrs: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'] };
    const change = only(resourceChange('aws_security_group.x', ['update'], { before, after }));
    expect(change.attributes).toEqual([{ path: 'cidrs.0', after: '"10.0.0.0/24"', sensitive: false, unknown: false }]);
    expect(change.notes).toEqual([{ at: 1, path: 'cidrs', text: '3 unchanged elements hidden' }]);
  });

  it('one element removed from the middle › one removal, named by its old index', () => {
    const before = { ids: ['a', 'b', 'c', 'd'] };
    const after = { ids: ['a', 'b', 'd'] };
    const change = only(resourceChange('aws_x.y', ['update'], { before, after }));
    expect(change.attributes).toEqual([{ path: 'ids.2', before: '"c"', sensitive: false, unknown: false }]);
    expect(change.notes?.[0]?.text).toBe('3 unchanged elements hidden');
  });

  it('a block edited inside a list › paired with its old self: only the changed field', () => {
    const before = { ingress: [rule(22), rule(443), rule(80)] };
    const after = { ingress: [rule(22), rule(443, '0.0.0.0/0'), rule(80)] };
    const change = only(resourceChange('aws_security_group.x', ['update'], { before, after }));
    expect(change.attributes).toEqual([
      {
        path: 'ingress.1.cidr_blocks.0',
        before: '"10.0.0.0/8"',
        after: '"0.0.0.0/0"',
        sensitive: false,
        unknown: false,
      },
    ]);
    expect(change.notes?.map((n) => [n.path, n.text])).toEqual([['ingress', '2 unchanged elements hidden']]);
  });

  it('a reordered list › shows the moved element, not every index', () => {
    const change = only(
      resourceChange('aws_x.y', ['update'], {
        before: { l: ['a', 'b', 'c', 'd'] },
        after: { l: ['b', 'c', 'd', 'a'] },
      }),
    );
    expect(change.attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ['l.0', '"a"', undefined],
      ['l.3', undefined, '"a"'],
    ]);
  });

  it('unknown values inside a set element › never equal to a known one, no crash, paired by similarity', () => {
    const before = { ingress: [rule(22), { ...rule(443), id: 'sgr-1' }] };
    const after = { ingress: [rule(22), { ...rule(443), id: null }] };
    const change = only(
      resourceChange('aws_security_group.x', ['update'], {
        before,
        after,
        after_unknown: { ingress: [{}, { id: true }] },
      }),
    );
    expect(change.attributes).toEqual([
      { path: 'ingress.1.id', before: '"sgr-1"', after: '(known after apply)', sensitive: false, unknown: true },
    ]);
  });

  it('a whole element unknown › is shown as (known after apply), not aligned with anything', () => {
    const change = only(
      resourceChange('aws_x.y', ['update'], {
        before: { l: ['a'] },
        after: { l: ['a', null] },
        after_unknown: { l: [false, true] },
      }),
    );
    expect(change.attributes).toEqual([{ path: 'l.1', after: '(known after apply)', sensitive: false, unknown: true }]);
  });

  it('an element whose sensitivity changed › is a change even when the value is equal', () => {
    const change = only(
      resourceChange('aws_x.y', ['update'], {
        before: { l: ['a', 'b'] },
        after: { l: ['a', 'b'] },
        before_sensitive: { l: [false, false] },
        after_sensitive: { l: [false, true] },
      }),
    );
    expect(change.attributes.map((a) => [a.path, a.before, a.after])).toEqual([['l.1', '"b"', '(sensitive)']]);
    expect(JSON.stringify(change)).not.toContain('"\\"b\\"","after":"\\"b');
  });

  it('a huge list (beyond the quadratic table) › still one added element, quickly', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const after = [...before.slice(0, 1500), '192.168.0.0/16', ...before.slice(1500).reverse()];
    const change = only(resourceChange('aws_x.y', ['update'], { before: { l: before }, after: { l: after } }));
    expect(change.attributes.filter((a) => a.after === '"192.168.0.0/16"')).toHaveLength(1);
    expect(change.attributes.filter((a) => a.before !== undefined && a.after === undefined)).toHaveLength(0);
  });
});

describe('summarizePlan › JSON-valued strings', () => {
  const policy = (action: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::bucket/*', ...extra },
        { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' },
      ],
    });

  it('a policy action widened › only that key, with its path inside the document', () => {
    const change = only(
      resourceChange('aws_iam_policy.p', ['update'], {
        before: { policy: policy('s3:GetObject') },
        after: { policy: policy('*') },
      }),
    );
    expect(change.attributes).toEqual([
      {
        path: 'policy › Statement[0] › Action',
        before: '"s3:GetObject"',
        after: '"*"',
        sensitive: false,
        unknown: false,
      },
    ]);
  });

  it('a list inside the document › aligned by content too', () => {
    const change = only(
      resourceChange('aws_iam_policy.p', ['update'], {
        before: { policy: policy(['s3:GetObject', 's3:PutObject']) },
        after: { policy: policy(['s3:GetObject', 's3:DeleteObject', 's3:PutObject']) },
      }),
    );
    expect(change.attributes.map((a) => [a.path, a.after])).toEqual([
      ['policy › Statement[0] › Action[1]', '"s3:DeleteObject"'],
    ]);
    expect(change.notes?.map((n) => n.path)).toContain('policy › Statement[0] › Action');
  });

  it('reformatted but equal (whitespace, key order) › no attribute change, a note says so', () => {
    const compact = policy('s3:GetObject');
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const pretty = JSON.stringify(reversed(JSON.parse(compact)), null, 2);
    expect(pretty.indexOf('Version')).toBeGreaterThan(pretty.indexOf('Statement'));
    const change = only(
      resourceChange('aws_iam_policy.p', ['update'], {
        before: { policy: compact, name: 'a' },
        after: { policy: `  ${pretty}\n`, name: 'b' },
      }),
    );
    expect(change.attributes.map((a) => a.path)).toEqual(['name']);
    expect(change.notes).toEqual([{ at: 1, path: 'policy', text: 'JSON reformatted only (same content, no change)' }]);
  });

  it('a created policy › listed leaf by leaf', () => {
    const change = only(resourceChange('aws_iam_policy.p', ['create'], { after: { policy: policy('s3:GetObject') } }));
    expect(change.attributes.map((a) => a.path)).toContain('policy › Statement[1] › Action');
  });

  it.each(['{}', '[]', '{"a":null}'])(
    'a created or deleted document with no leaf (%s) › still shown, as text',
    (doc) => {
      const created = only(resourceChange('aws_x.y', ['create'], { after: { v: doc } }));
      expect(created.attributes).toEqual([{ path: 'v', after: JSON.stringify(doc), sensitive: false, unknown: false }]);
      const deleted = only(resourceChange('aws_x.y', ['delete'], { before: { v: doc } }));
      expect(deleted.attributes).toEqual([
        { path: 'v', before: JSON.stringify(doc), sensitive: false, unknown: false },
      ]);
    },
  );

  it('an empty array becoming an empty object › a change, shown as text (not "reformatted")', () => {
    const change = only(resourceChange('aws_x.y', ['update'], { before: { v: '[]' }, after: { v: '{}' } }));
    expect(change.attributes).toEqual([{ path: 'v', before: '"[]"', after: '"{}"', sensitive: false, unknown: false }]);
    expect(change.notes).toBeUndefined();
  });

  it('a string that stops being JSON › shown as text on both sides', () => {
    const change = only(resourceChange('aws_x.y', ['update'], { before: { v: '{"a":1}' }, after: { v: 'plain' } }));
    expect(change.attributes).toEqual([
      { path: 'v', before: JSON.stringify('{"a":1}'), after: '"plain"', sensitive: false, unknown: false },
    ]);
  });

  it('a sensitive policy › stays one (sensitive) leaf, never expanded', () => {
    const change = only(
      resourceChange('aws_x.y', ['update'], {
        before: { policy: policy('a') },
        after: { policy: policy('b') },
        before_sensitive: { policy: true },
        after_sensitive: { policy: true },
      }),
    );
    expect(change.attributes).toEqual([
      { path: 'policy', before: '(sensitive)', after: '(sensitive)', sensitive: true, unknown: false },
    ]);
  });

  it('a known secret inside a policy document › the whole document is hidden (the secret may span keys)', () => {
    const secret = 'tok_0123456789';
    const change = only(
      resourceChange('aws_x.y', ['update'], {
        before: { doc: JSON.stringify({ k: 'v' }) },
        after: { doc: JSON.stringify({ k: `x${secret}` }) },
      }),
      { secrets: [secret] },
    );
    expect(JSON.stringify(change)).not.toContain(secret);
    expect(change.attributes[0]).toMatchObject({ path: 'doc', after: '(sensitive)', sensitive: true });
  });
});

describe('summarizePlan › user data', () => {
  const script = (n: number) => `#!/bin/sh\necho ${'x'.repeat(n)}\n`;

  it.each(['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request'])(
    '%s › user_data and user_data_base64 shown as a flag with sizes, never as text',
    (type) => {
      const change = only(
        resourceChange(`${type}.web`, ['update'], {
          before: { user_data: script(10), user_data_base64: null, name: 'a' },
          after: { user_data: script(20), user_data_base64: 'ZWNobyBoaQ==', name: 'a' },
        }),
      );
      expect(change.attributes).toEqual([
        { path: 'user_data', sensitive: true, unknown: false, flag: '(user data hidden: changed, 26 → 36 bytes)' },
        { path: 'user_data_base64', sensitive: true, unknown: false, flag: '(user data hidden: added, 12 bytes)' },
      ]);
      expect(JSON.stringify(change)).not.toContain('echo');
    },
  );

  it('unchanged user data › not listed', () => {
    const change = only(
      resourceChange('aws_instance.web', ['update'], {
        before: { user_data: script(3), ami: 'a' },
        after: { user_data: script(3), ami: 'b' },
      }),
    );
    expect(change.attributes.map((a) => a.path)).toEqual(['ami']);
  });

  it('user data known after apply › says so', () => {
    const change = only(
      resourceChange('aws_instance.web', ['update'], {
        before: { user_data: 'abc' },
        after: { user_data: null },
        after_unknown: { user_data: true },
      }),
    );
    expect(change.attributes[0]).toMatchObject({ flag: '(user data hidden: changed, 3 → (known after apply))' });
  });

  it('an address in userDataShownFor › shown as text; other resources keep the flag', () => {
    const shownChange = resourceChange('aws_instance.web', ['create'], { after: { user_data: 'echo hi' } });
    const hiddenChange = resourceChange('aws_instance.db', ['create'], { after: { user_data: 'echo secret' } });
    const summary = summarizePlan(plan([shownChange, hiddenChange]), {
      userDataShownFor: new Set(['aws_instance.web']),
    });
    const byAddress = new Map(summary.changes.map((c) => [c.address, c.attributes]));
    expect(byAddress.get('aws_instance.web')).toEqual([
      { path: 'user_data', after: '"echo hi"', sensitive: false, unknown: false },
    ]);
    expect(byAddress.get('aws_instance.db')![0]!.flag).toBe('(user data hidden: added, 11 bytes)');
  });

  it('another resource type with a user_data attribute › shown normally', () => {
    const change = only(resourceChange('aws_x.web', ['create'], { after: { user_data: 'v' } }));
    expect(change.attributes[0]!.after).toBe('"v"');
  });
});

describe('alignLists', () => {
  const align = (before: string[], after: string[], similar: (a: string, b: string) => number = () => 0) =>
    alignLists({
      beforeLength: before.length,
      afterLength: after.length,
      equal: (i, j) => before[i] === after[j],
      beforeKey: (i) => before[i],
      afterKey: (j) => after[j],
      similarity: (i, j) => similar(before[i]!, after[j]!),
      pairAlways: () => false,
    });

  it.each([
    ['both empty', [], [], []],
    ['all equal', ['a', 'b'], ['a', 'b'], ['=0:0', '=1:1']],
    ['all new', [], ['a', 'b'], ['+0', '+1']],
    ['all gone', ['a', 'b'], [], ['-0', '-1']],
    ['insert in the middle', ['a', 'c'], ['a', 'b', 'c'], ['=0:0', '+1', '=1:2']],
    ['duplicates', ['a', 'a', 'b'], ['a', 'b', 'a'], ['=0:0', '=2:1', '+2', '-1'].sort()],
  ])('%s', (_name, before, after, expected) => {
    const shown = align(before, after).map((p) =>
      p.equal
        ? `=${p.before}:${p.after}`
        : p.after === undefined
          ? `-${p.before}`
          : p.before === undefined
            ? `+${p.after}`
            : `~${p.before}:${p.after}`,
    );
    expect([...shown].sort()).toEqual([...expected].sort());
  });

  it('similar removed/added elements › paired as one edit; dissimilar ones stay apart', () => {
    const similar = (a: string, b: string) => (a[0] === b[0] ? 0.9 : 0);
    const pairs = align(['x1', 'y1'], ['x2', 'z1'], similar);
    expect(pairs.filter((p) => p.before !== undefined && p.after !== undefined)).toEqual([
      { before: 0, after: 0, equal: false },
    ]);
    expect(pairs).toHaveLength(3);
  });

  it('beyond the LCS table size › the hash match still finds every equal element', () => {
    const before = Array.from({ length: 2000 }, (_, i) => `e${i}`);
    const after = [...before].reverse();
    expect(before.length * after.length).toBeGreaterThan(LCS_MAX_CELLS);
    expect(align(before, after).every((p) => p.equal)).toBe(true);
  });
});
