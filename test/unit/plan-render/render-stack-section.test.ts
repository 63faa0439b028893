import { describe, expect, it } from '@jest/globals';
import { secretScrubber } from '../../../src/plan/render-redact.js';
import {
  renderStackSection,
  renderStackSectionLines,
  type StackPlanResult,
} from '../../../src/plan/render-stack-section.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { createInstance, deleteBucket, plan, updateInstance } from './fixtures.js';

const scrubber = secretScrubber(['tok_abcdef']);

describe('renderStackSectionLines', () => {
  const cases: StackPlanResult[] = [
    { stack: 'web', outcome: 'planned', summary: summarizePlan(plan([createInstance, updateInstance, deleteBucket])) },
    { stack: 'multi\nline name', outcome: 'planned', planId: 'p-1', note: 'a note\nover lines' },
    { stack: 'broken', outcome: 'failed', error: 'Error: one\r\ntwo tok_abcdef\n\nthree' },
    { stack: 'quiet', outcome: 'skipped', note: 'nothing to do' },
    { stack: 'held', outcome: 'locked', lockedBy: { pr: 7 } },
  ];

  it.each(cases.map((s) => [s.stack, s] as const))(
    '%j › the lines of the section text, none holding a newline',
    (_, s) => {
      const lines = renderStackSectionLines(s, scrubber);
      expect(lines).toEqual(renderStackSection(s, scrubber).split('\n'));
      expect(lines.filter((line) => line.includes('\n'))).toEqual([]);
      expect(lines.join('\n')).not.toContain('tok_abcdef');
    },
  );
});
