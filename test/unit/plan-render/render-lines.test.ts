import { describe, expect, it } from '@jest/globals';
import { secretScrubber } from '../../../src/plan/render-redact.js';
import {
  diffBlock,
  diffLines,
  renderResourceChange,
  renderResourceChangeLines,
} from '../../../src/plan/render-resource-diff.js';
import {
  renderStackSection,
  renderStackSectionLines,
  type StackPlanResult,
} from '../../../src/plan/render-stack-section.js';
import { summarizePlan, type ResourceChangeSummary } from '../../../src/plan/summarize-plan.js';
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

describe('renderResourceChangeLines', () => {
  // Stored summaries are rendered again later: a path holding a newline must still split where the text would.
  const change: ResourceChangeSummary = {
    address: 'aws_s3_bucket.b',
    type: 'aws_s3_bucket',
    name: 'b',
    action: 'update',
    attributes: [
      { path: 'tags.Name', before: '"a``b"', after: '"a`````b"', sensitive: false, unknown: false },
      { path: 'odd\npath', after: '"tok_abcdef"', sensitive: false, unknown: false },
    ],
    notes: [{ at: 1, path: 'tags', text: '2 unchanged elements hidden' }],
  };

  it('a diff with backtick runs and a newline › the lines of the header, the fenced block and its body', () => {
    const lines = renderResourceChangeLines(change, scrubber);
    const block = diffBlock(diffLines(change.action, change.attributes, change.notes!, scrubber))!;
    expect(block.startsWith('``````diff\n')).toBe(true);
    expect(lines).toEqual(`**~ update in place** \`aws_s3_bucket.b\`\n\n${block}`.split('\n'));
    expect(renderResourceChange(change, scrubber)).toBe(lines.join('\n'));
    expect(lines.filter((line) => line.includes('\n') || line.includes('tok_abcdef'))).toEqual([]);
  });

  it('no changed attribute › the header line alone', () => {
    expect(renderResourceChangeLines({ ...change, attributes: [], notes: [] }, scrubber)).toEqual([
      '**~ update in place** `aws_s3_bucket.b`',
    ]);
  });
});
