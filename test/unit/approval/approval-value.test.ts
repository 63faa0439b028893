import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ApprovalValueError,
  decodeApprovalValue,
  encodeApprovalValue,
  matchesPlans,
  MAX_BUTTON_VALUE,
  planIdsDigest,
} from '../../../src/approval/approval-value.js';

const sha = 'c0ffee'.padEnd(40, '0');
const uuid = (i: number) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;

describe('approval button value', () => {
  it('a few plans › inline ids, sorted, read back exactly', () => {
    const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: sha, planIds: ['p-b', 'p-a'] });
    expect(value).toBe(`1|acme/infra|42|${sha}|p-a,p-b`);
    expect(decodeApprovalValue(value)).toEqual({
      repo: 'acme/infra',
      pr: 42,
      headSha: sha,
      plans: { ids: ['p-a', 'p-b'] },
    });
  });

  it('401 stacks of UUID plan ids › a digest keeps the value within Slack’s 2,000 characters', () => {
    const planIds = Array.from({ length: 401 }, (_, i) => uuid(i));
    const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: sha, planIds });
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    const decoded = decodeApprovalValue(value);
    expect(decoded.plans).toEqual({ digest: planIdsDigest(planIds) });
    expect(matchesPlans(decoded.plans, [...planIds].reverse())).toBe(true);
    expect(matchesPlans(decoded.plans, planIds.slice(1))).toBe(false);
  });

  it('the longest inline list › just under the limit; one more id switches to the digest', () => {
    const ids: string[] = [];
    let value = '';
    for (let i = 0; ; i += 1) {
      const next = encodeApprovalValue({ repo: 'acme/infra', pr: 1, headSha: sha, planIds: [...ids, uuid(i)] });
      if (next.includes('#')) break;
      ids.push(uuid(i));
      value = next;
    }
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
    expect(value.length).toBeGreaterThan(MAX_BUTTON_VALUE - 40);
  });

  it('round-trips any valid input (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { minLength: 1, maxLength: 120 }),
        (pr, planIds) => {
          const value = encodeApprovalValue({ repo: 'o/r', pr, headSha: sha, planIds });
          const decoded = decodeApprovalValue(value);
          expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
          expect(decoded).toMatchObject({ repo: 'o/r', pr, headSha: sha });
          expect(matchesPlans(decoded.plans, planIds)).toBe(true);
        },
      ),
    );
  });

  it.each([
    ['empty', ''],
    ['another version', `2|acme/infra|42|${sha}|p`],
    ['a short sha', '1|acme/infra|42|abc|p'],
    ['no repo owner', `1|infra|42|${sha}|p`],
    ['pr zero', `1|acme/infra|0|${sha}|p`],
    ['an extra field', `1|acme/infra|42|${sha}|p|x`],
    ['a bad plan id', `1|acme/infra|42|${sha}|p;DROP`],
    ['an empty plan list', `1|acme/infra|42|${sha}|`],
    ['a short digest', `1|acme/infra|42|${sha}|#abc`],
    ['JSON', '{"repo":"acme/infra"}'],
  ])('%s › refused with ApprovalValueError', (_name, value) => {
    expect(() => decodeApprovalValue(value)).toThrow(ApprovalValueError);
  });

  it('nothing to approve or a bad id › refused when encoding', () => {
    expect(() => encodeApprovalValue({ repo: 'acme/infra', pr: 1, headSha: sha, planIds: [] })).toThrow(
      ApprovalValueError,
    );
    expect(() => encodeApprovalValue({ repo: 'acme/infra', pr: 1, headSha: sha, planIds: ['a|b'] })).toThrow(
      ApprovalValueError,
    );
  });

  it('plan sets › match only the same set (order and duplicates aside)', () => {
    expect(matchesPlans({ ids: ['a', 'b'] }, ['b', 'a'])).toBe(true);
    expect(matchesPlans({ ids: ['a', 'a'] }, ['a', 'b'])).toBe(false);
    expect(matchesPlans({ ids: ['a'] }, ['a', 'b'])).toBe(false);
    expect(matchesPlans({ digest: planIdsDigest(['a']) }, [])).toBe(false);
  });
});
