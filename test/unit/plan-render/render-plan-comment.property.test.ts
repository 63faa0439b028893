// Properties of the plan comment over random plans, hostile values and size limits: every part fits, stands
// alone (fences and <details> closed), carries the marker, leaks no secret, and every resource change is shown;
// only when an explicit part cap is reached is the rest counted, in a visible notice.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_MAX_PARTS,
  parsePlanCommentMarker,
  renderPlanComment,
  type StackPlanResult,
} from '../../../src/plan/render-plan-comment.js';
import { RESOURCE_HEADER } from '../../../src/plan/render-resource-diff.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import type { PlanActions } from '../../../src/plan/terraform-json.js';
import { plan, resourceChange } from './fixtures.js';
import { readStructure } from './markdown-structure.js';

const SHA = 'b'.repeat(40);
const SECRET = 'Sup3rSecretValue';

const hostileText = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', '`', '~', '<', '>', '/', '\n', '"', '\\', '*', '#', '|', 'é', '😀', SECRET),
  maxLength: 40,
});

const ACTIONS: PlanActions[] = [['create'], ['update'], ['delete'], ['delete', 'create'], ['read']];

const stackArb = fc.record({
  outcome: fc.constantFrom('planned', 'planned', 'planned', 'no-changes', 'failed', 'locked', 'skipped'),
  resources: fc.array(
    fc.record({ action: fc.constantFrom(...ACTIONS), before: hostileText, after: hostileText, key: hostileText }),
    { maxLength: 300, size: 'max' },
  ),
  error: hostileText,
});

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

function toStack(s: Of<typeof stackArb>, i: number): StackPlanResult {
  if (s.outcome !== 'planned') return { stack: `ec2-s${i}`, outcome: s.outcome, error: s.error, lockedBy: { pr: i } };
  const changes = s.resources.map((r, j) =>
    resourceChange(`aws_instance.r${j}["${r.key}"]`, r.action, {
      before: r.action[0] === 'create' ? null : { user_data: r.before, tags: { [r.key || 'k']: r.before } },
      after: r.action[0] === 'delete' ? null : { user_data: r.after, tags: { [r.key || 'k']: r.after } },
    }),
  );
  return { stack: `ec2-s${i}`, outcome: 'planned', summary: summarizePlan(plan(changes), { secrets: [SECRET] }) };
}

const notices = (body: string) =>
  [...body.matchAll(/\(([\d,]+) resource changes?\) not shown/g)].reduce(
    (n, m) => n + Number(m[1]!.replace(/,/g, '')),
    0,
  );

describe('renderPlanComment › properties', () => {
  it('fits, stands alone, leaks nothing, loses nothing silently', () => {
    fc.assert(
      fc.property(
        fc.array(stackArb, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 2_000, max: 65_536 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        (raw, maxLength, maxParts) => {
          const stacks = raw.map(toStack);
          const parts = renderPlanComment({
            marker: 'infra-bot:plan',
            repo: 'acme/infra',
            pr: 1,
            headSha: SHA,
            stacks,
            secrets: [SECRET],
            maxLength,
            ...(maxParts !== undefined && { maxParts }),
            footer: '_footer_',
          });
          const cap = maxParts ?? DEFAULT_MAX_PARTS;
          expect(parts.length).toBeLessThanOrEqual(cap);
          let shown = 0;
          let counted = 0;
          parts.forEach((body, i) => {
            expect(body.length).toBeLessThanOrEqual(maxLength);
            expect(parsePlanCommentMarker(body, 'infra-bot:plan')).toEqual({
              part: i + 1,
              total: parts.length,
              sha: SHA,
            });
            const structure = readStructure(body);
            expect(structure.problems).toEqual([]);
            expect(body).not.toContain(SECRET);
            shown += structure.markupLines.filter((l) => RESOURCE_HEADER.test(l)).length;
            counted += notices(body);
            // no part is only a header (and a footer or a continuation line)
            const content = body
              .split('\n')
              .slice(2)
              .join('\n')
              .replace('_footer_', '')
              .replace(/_Continued.*_/, '');
            expect(content.trim().length).toBeGreaterThan(0);
          });
          const total = stacks.reduce((n, s) => n + (s.summary?.changes.length ?? 0), 0);
          expect(shown + counted).toBe(total);
          // nothing is left out unless the cap (asked for, or the default 100 parts) was reached
          if (parts.length < cap) expect(counted).toBe(0);
          expect(parts[parts.length - 1]!.endsWith('_footer_')).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
