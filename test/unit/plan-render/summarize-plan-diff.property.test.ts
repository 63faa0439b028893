import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { plan, resourceChange } from './fixtures.js';

/** Distinct elements, then some removed and some new ones inserted at random places. */
const edit = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 0, maxLength: 40 }).chain((base) =>
  fc.record({
    base: fc.constant(base.map((n) => `old-${n}`)),
    removed: fc.subarray(base.map((n) => `old-${n}`)),
    inserted: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 999 })), { maxLength: 5 }),
  }),
);

describe('summarizePlan › list alignment properties', () => {
  it('removing and inserting elements › exactly those show, every kept element is hidden and counted', () => {
    fc.assert(
      fc.property(edit, ({ base, removed, inserted }) => {
        const gone = new Set(removed);
        const after = base.filter((e) => !gone.has(e));
        const added = [...new Set(inserted.map(([, n]) => `new-${n}`))];
        added.forEach((element, i) => after.splice(inserted[i]![0] % (after.length + 1), 0, element));
        const change = resourceChange('aws_x.y', ['update'], { before: { l: base }, after: { l: after } });
        const [summary] = summarizePlan(plan([change])).changes;
        const shownAdded = (summary?.attributes ?? []).filter((a) => a.before === undefined).map((a) => a.after);
        const shownRemoved = (summary?.attributes ?? []).filter((a) => a.after === undefined).map((a) => a.before);
        // A lone removed/added couple is shown as one edit (both sides on one line).
        const edited = (summary?.attributes ?? []).filter((a) => a.before !== undefined && a.after !== undefined);
        expect(shownAdded.length + edited.length).toBe(added.length);
        expect(shownRemoved.length + edited.length).toBe(removed.length);
        const kept = base.length - removed.length;
        const note = summary?.notes?.find((n) => n.path === 'l');
        if (kept > 0 && added.length + removed.length > 0)
          expect(note?.text).toBe(`${kept} unchanged element${kept === 1 ? '' : 's'} hidden`);
        else expect(note).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
