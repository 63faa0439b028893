import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { readYamlSubset } from '../../../src/specs/yaml-subset.js';

/** What `yaml` reads (with the options yaml-file.ts uses), or undefined when it reports anything at all. */
function readWithYaml(text: string): { value: unknown } | undefined {
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (!Array.isArray(documents) || documents.length !== 1) return undefined;
  const [document] = documents;
  if (!document || document.errors.length > 0 || document.warnings.length > 0) return undefined;
  return { value: document.toJS({ maxAliasCount: 100 }) };
}

/** Prototype, own keys in order and property flags of every object: what JSON does not show. */
const shape = (value: unknown): unknown =>
  value !== null && typeof value === 'object'
    ? [
        Array.isArray(value) ? 'array' : Object.getPrototypeOf(value) === Object.prototype ? 'object' : 'other',
        Reflect.ownKeys(value).map((key) => [key, Object.getOwnPropertyDescriptor(value, key)?.enumerable]),
        Object.values(value).map(shape),
      ]
    : typeof value;

/** Same value, same key order, same types (JSON keeps order and tells 1 from "1"), same own properties. */
function expectSameAsYaml(text: string): boolean {
  const fast = readYamlSubset(text);
  if (fast === undefined) return false;
  const full = readWithYaml(text);
  expect({ text, full: full && JSON.stringify(full.value) }).toEqual({ text, full: JSON.stringify(fast.value) });
  expect(shape(fast.value)).toEqual(shape(full!.value));
  return true;
}

const SPEC = `# yaml-language-server: $schema=../../schemas/infra-spec.schema.json
apiVersion: infra-bot/v1
kind: IamSsoRole
metadata:
  name: security-readonly
  owner: security-lead@demoac.com
  labels: { team: security, tier: 2 }
spec:
  oktaGroup: security-engineering   # who may assume it
  managedPolicyArns:
    - arn:aws:iam::aws:policy/ReadOnlyAccess
  inlinePolicy:
    Version: '2012-10-17'
    Statement:
      - Sid: OwnScratchPrefix
        Effect: Allow
        Action: [s3:GetObject, s3:PutObject]
        # IAM policy variables stay literal
        Resource: 'arn:aws:s3:::demoac-scratch/\${aws:username}/*'
      -
        Effect: "Deny"
        NotAction: []
  maxSessionDuration: 1h
  flags:
  - true
  - False
  - 16
  - 0
  description: It's a role, isn't it; with #hash and a:colon
`;

describe('readYamlSubset', () => {
  it('spec files › read exactly as yaml reads them', () => {
    const fast = readYamlSubset(SPEC);
    expect(fast).toBeDefined();
    expectSameAsYaml(SPEC);
    expect((fast!.value as { spec: { flags: unknown[] } }).spec.flags).toEqual([true, false, 16, 0]);
  });

  it.each([
    ['document marker', '---\na: 1\n'],
    ['document end marker', 'a: 1\n...\n'],
    ['second document', 'a: 1\n---\nb: 2\n'],
    ['directive', '%YAML 1.2\n---\na: 1\n'],
    ['anchor and alias', 'a: &x 1\nb: *x\n'],
    ['tag', 'a: !!str 1\n'],
    ['block scalar', 'a: |\n  text\n'],
    ['folded scalar', 'a: >\n  text\n'],
    ['multi-line plain scalar', 'a: one\n  two\n'],
    ['multi-line quoted scalar', "a: 'one\n  two'\n"],
    ['multi-line flow collection', 'a: [one,\n  two]\n'],
    ['nested flow collection', 'a: [[1], 2]\n'],
    ['quoted item in a flow collection', "a: ['x, y']\n"],
    ['trailing comma', 'a: [x, y,]\n'],
    ['escape in double quotes', 'a: "x\\ty"\n'],
    ['quoted key', "'a': 1\n"],
    ['key with a space before the colon', 'a : 1\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['duplicate key in a flow mapping', 'a: { b: 1, b: 2 }\n'],
    ['empty value (null)', 'a:\nb: 1\n'],
    ['null', 'a: null\n'],
    ['tilde', 'a: ~\n'],
    ['float', 'a: 1.5\n'],
    ['exponent', 'a: 1e3\n'],
    ['leading zero', 'a: 007\n'],
    ['negative number', 'a: -1\n'],
    ['hex', 'a: 0x1F\n'],
    ['octal', 'a: 0o17\n'],
    ['infinity', 'a: .inf\n'],
    ['big integer', 'a: 1234567890123456\n'],
    ['boolean key', 'true: 1\n'],
    ['numeric key', '2024: 1\n'],
    ['reserved indicator', 'a: @alice\n'],
    ['nested compact mapping', 'a: b: c\n'],
    ['tab', 'a:\tb\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['non-ASCII', 'a: Zoë\n'],
    ['indented document', '  a: 1\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['top-level sequence', '- a\n- b\n'],
    ['nested sequence on one line', 'a:\n  - - x\n'],
    ['comment without a space', "a: 'x'#c\n"],
    ['empty file', ''],
    ['comments only', '# nothing\n'],
    ['key longer than YAML allows', `${'k'.repeat(1001)}: 1\n`],
  ])('%s › left to yaml', (_name, text) => {
    expect(readYamlSubset(text)).toBeUndefined();
  });

  it.each([
    ['sequence at its key’s indent', 'a:\n- x\n- y: 1\n  z: 2\nb: 3\n'],
    ['compact mapping with a wider dash', 'a:\n  -   x: 1\n      y: 2\n'],
    ['inherited names as keys', 'constructor: 1\ntoString: x\nhasOwnProperty: { valueOf: y }\n'],
    ['flow collections', 'a: []\nb: {}\nc: [ x , y ]\nd: {k: v}\ne: [1,true,x]\n'],
    ['quotes', `a: ''\nb: "it's"\nc: 'say ''hi'''\nd: 'x' # c\ne: '# not a comment'\n`],
    [
      'plain scalars that stay strings',
      'a: 2012-10-17\nb: 1_000\nc: yes\nd: 0b1\ne: .\nf: x#y\ng: ${x}\nh: a, b [c]\n',
    ],
  ])('%s › read as yaml reads it', (_name, text) => {
    expect(readYamlSubset(text)).toBeDefined();
    expectSameAsYaml(text);
  });

  it('generated documents › whatever it reads, it reads as yaml does', () => {
    const scalar = fc.oneof(
      {
        arbitrary: fc.constantFrom('a', 'x y', 'ubuntu-24.04', '16', '0', 'true', 'False', "'q r'", '"dq"'),
        weight: 4,
      },
      {
        arbitrary: fc.constantFrom('[a, b]', '{ k: v }', '[]', 'a:b', '2h', '1.5', '007', '~', '', '@x', '- x'),
        weight: 2,
      },
      { arbitrary: fc.stringMatching(/^[ -~]{1,8}$/), weight: 1 },
    );
    const key = fc.oneof(
      { arbitrary: fc.constantFrom('a', 'b', 'c', 'name', 'spec'), weight: 5 },
      { arbitrary: fc.constantFrom('true', 'null', '1', '__proto__', 'constructor', 'a b', "'q'", '-a'), weight: 1 },
    );
    const comment = fc.constantFrom('', '', ' # c', '#c');
    interface MapNode {
      map: [string, Node, string][];
      unit: number;
    }
    interface SeqNode {
      seq: [Node, string][];
      unit: number;
      same: boolean;
      compact: boolean;
    }
    type Node = string | MapNode | SeqNode;
    const { map } = fc.letrec<{ value: Node; map: Node; seq: Node }>((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, scalar, tie('map'), tie('seq')),
      map: fc.record({
        map: fc.array(fc.tuple(key, tie('value'), comment), { minLength: 1, maxLength: 4 }),
        unit: fc.integer({ min: 1, max: 4 }),
      }),
      seq: fc.record({
        seq: fc.array(fc.tuple(tie('value'), comment), { minLength: 1, maxLength: 3 }),
        unit: fc.integer({ min: 1, max: 4 }),
        same: fc.boolean(),
        compact: fc.boolean(),
      }),
    }));
    const emit = (
      node: Node,
      head: string,
      indent: number,
      comment: string,
      underKey: boolean,
      out: string[],
    ): void => {
      if (typeof node === 'string') {
        out.push(`${head}${node === '' ? '' : ' '}${node}${comment}`);
      } else if ('map' in node) {
        out.push(`${head}${comment}`);
        emitMap(node, indent + node.unit, out);
      } else {
        out.push(`${head}${comment}`);
        emitSeq(node, underKey && node.same ? indent : indent + node.unit, out);
      }
    };
    const emitMap = (node: MapNode, indent: number, out: string[]): void => {
      for (const [k, v, c] of node.map) emit(v, `${' '.repeat(indent)}${k}:`, indent, c, true, out);
    };
    const emitSeq = (node: SeqNode, indent: number, out: string[]): void => {
      for (const [v, c] of node.seq) {
        if (typeof v !== 'string' && 'map' in v && node.compact) {
          const lines: string[] = [];
          emitMap(v, indent + 2, lines);
          lines[0] = `${' '.repeat(indent)}- ${lines[0]!.trimStart()}`;
          out.push(...lines);
        } else {
          emit(v, `${' '.repeat(indent)}-`, indent, c, false, out);
        }
      }
    };
    const documents = fc.tuple(map, fc.constantFrom('', '\n', '\n# tail', '\n---\nx: 1', '\t')).map(([root, tail]) => {
      const out: string[] = [];
      emitMap(root as MapNode, 0, out);
      return `${out.join('\n')}${tail}\n`;
    });
    let read = 0;
    fc.assert(
      fc.property(documents, (text) => {
        if (expectSameAsYaml(text)) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(150); // the property is not vacuous
  });

  it('edited spec files › whatever it reads, it reads as yaml does', () => {
    const edits = [
      ' ',
      '  ',
      '\n',
      '- ',
      ':',
      ': ',
      '#',
      ' #',
      "'",
      '"',
      '[',
      ']',
      '{',
      '}',
      ',',
      '1',
      '.',
      'null',
      '&a',
      '!',
      '|',
      '?',
      '---',
    ];
    const edited = fc
      .tuple(
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...edits), fc.nat(3)), { minLength: 1, maxLength: 3 }),
      )
      .map(([changes]) => {
        let text = SPEC;
        for (const [position, length, insert, operation] of changes) {
          const at = position % (text.length + 1);
          if (operation === 0) text = text.slice(0, at) + insert + text.slice(at);
          else if (operation === 1) text = text.slice(0, at) + text.slice(at + length + 1);
          else if (operation === 2) text = text.slice(0, at) + insert + text.slice(at + length + 1);
          else {
            const lines = text.split('\n');
            const index = position % lines.length;
            lines[index] = ' '.repeat(length) + lines[index]!.trimStart();
            text = lines.join('\n');
          }
        }
        return text;
      });
    let read = 0;
    fc.assert(
      fc.property(edited, (text) => {
        if (expectSameAsYaml(text)) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(300); // the property is not vacuous
  });
});
