import { describe, expect, it } from '@jest/globals';
import type { UnappliedMerge } from '../../../src/store/store.js';
import type { SynthesizedStack } from '../../../src/synth/synthesize.js';
import { renderUnappliedSection } from '../../../src/workflow/render-status.js';
import { withUnappliedNotice, withUnappliedStacks } from '../../../src/workflow/unapplied-notice.js';

const at = new Date('2030-01-01T00:00:00Z');
const entry = (pr: number, stack: string, reason = 'no approval'): UnappliedMerge => ({
  repo: 'acme/infra',
  stack,
  pr,
  sha: `${pr}`.padEnd(40, 'c'),
  reason,
  recordedAt: at,
});
const stack = (name: string, hash: string) => ({ name, hash, json: '{}', specs: [] }) as unknown as SynthesizedStack;

describe('withUnappliedNotice', () => {
  it('earlier merges left the stack unapplied › the note names them, before any other note', () => {
    const result = withUnappliedNotice(
      { stack: 's3-logs', outcome: 'planned', note: 'The spec was removed: this plan destroys the stack.' },
      [entry(5, 's3-logs'), entry(7, 's3-logs'), entry(9, 'identity')],
      12,
    );
    expect(result.note).toBe(
      '⚠️ The default branch has changes merged in #5, #7 that were never applied; this plan includes them. The spec was removed: this plan destroys the stack.',
    );
  });

  it('only the PR itself, or other stacks › unchanged', () => {
    const result = { stack: 's3-logs', outcome: 'planned' as const };
    expect(withUnappliedNotice(result, [entry(12, 's3-logs'), entry(5, 'identity')], 12)).toEqual(result);
  });
});

describe('withUnappliedStacks', () => {
  it('/infra plan naming an unapplied stack the PR does not change › planned anyway; others are not invented', () => {
    const head = [stack('s3-logs', 'h1'), stack('s3-other', 'h2')];
    const changes = withUnappliedStacks(
      [],
      ['s3-logs', 's3-other', 's3-gone'],
      [entry(5, 's3-logs'), entry(6, 's3-gone')],
      head,
      head,
    );
    expect(changes).toEqual([{ stack: 's3-logs', change: 'changed', head: head[0], base: head[0] }]);
  });
});

describe('renderUnappliedSection', () => {
  it('one line per stack with the PR, commit and the first line of why, then what to do', () => {
    const text = renderUnappliedSection([entry(5, 's3-logs', 'the plan drifted.\n\n```text\ndetails\n```')]);
    expect(text).toContain('Merged but not applied (1)');
    expect(text).toContain('- `s3-logs` from #5 (5cccccc, 2030-01-01T00:00:00Z): the plan drifted.');
    expect(text).not.toContain('details');
    expect(text).toContain('/infra plan <stack>');
  });
});
