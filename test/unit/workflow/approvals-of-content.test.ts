import { describe, expect, it } from '@jest/globals';
import { approvalsOfContent } from '../../../src/workflow/apply/approvals-of-content.js';
import type { DecisionRecord } from '../../../src/store/records.js';

const stored = new Map([
  ['p-identity-1', { stack: 'identity', specHash: 'h1' }],
  ['p-identity-2', { stack: 'identity', specHash: 'h2' }],
  ['p-identity-1-again', { stack: 'identity', specHash: 'h1' }],
  ['p-s3-1', { stack: 's3-a', specHash: 's1' }],
]);
const decision = (id: string, planIds: string[]): DecisionRecord => ({
  id,
  repo: 'acme/infra',
  pr: 4,
  headSha: 'a'.repeat(40),
  planIds,
  decision: 'approved',
  approver: { name: id, slackId: id },
  decidedAt: new Date('2026-01-01T00:00:00Z'),
  source: 'slack',
  stale: false,
});
const getPlan = async (id: string) => stored.get(id);

describe('approvalsOfContent', () => {
  it.each<[string, string[], Array<{ stack: string; specHash: string }>, boolean]>([
    ['the approved plan itself', ['p-identity-1'], [{ stack: 'identity', specHash: 'h1' }], true],
    ['a re-plan of identical content', ['p-identity-1'], [{ stack: 'identity', specHash: 'h1' }], true],
    [
      'the same head planned again with other content',
      ['p-identity-1'],
      [{ stack: 'identity', specHash: 'h2' }],
      false,
    ],
    [
      'a stack the decision never saw',
      ['p-identity-1'],
      [
        { stack: 'identity', specHash: 'h1' },
        { stack: 's3-a', specHash: 's1' },
      ],
      false,
    ],
    ['a plan id the store no longer has', ['p-gone'], [{ stack: 'identity', specHash: 'h1' }], false],
    [
      'a subset of the approved stacks (/infra apply <stack>)',
      ['p-identity-2', 'p-s3-1'],
      [{ stack: 's3-a', specHash: 's1' }],
      true,
    ],
  ])('%s', async (_name, planIds, plans, counts) => {
    const result = await approvalsOfContent([decision('U1', planIds)], plans, getPlan);
    expect(result.counted.map((d) => d.id)).toEqual(counts ? ['U1'] : []);
    expect(result.otherContent).toBe(counts ? 0 : 1);
  });

  it('each plan is looked up once, however many decisions name it', async () => {
    const lookups: string[] = [];
    const result = await approvalsOfContent(
      [decision('U1', ['p-identity-1-again']), decision('U2', ['p-identity-1-again'])],
      [{ stack: 'identity', specHash: 'h1' }],
      async (id) => {
        lookups.push(id);
        return stored.get(id);
      },
    );
    expect(result.counted).toHaveLength(2);
    expect(lookups).toEqual(['p-identity-1-again']);
  });
});
