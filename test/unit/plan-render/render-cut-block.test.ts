import { describe, expect, it } from '@jest/globals';
import { cutBlock, cutLines } from '../../../src/plan/render-cut-block.js';

const options = {
  hint: 'see the comment',
  isItem: (line: string) => line.startsWith('**'),
  itemNoun: ['x', 'xs'] as const,
};

describe('cutLines', () => {
  const text = [
    '<details>',
    '<summary>stack</summary>',
    '',
    ...Array.from({ length: 60 }, (_, i) => [
      `**item ${i}**`,
      '',
      '```diff',
      `+ ${'v'.repeat(40)} ${i}`,
      '```',
      '',
    ]).flat(),
    '</details>',
  ].join('\n');

  it('lines of a text that fits › the text itself', () => {
    expect(cutLines(text.split('\n'), text.length, options)).toBe(text);
  });

  it('lines of a text over the budget › what cutBlock makes of the text, notice and closing markup included', () => {
    for (const budget of [text.length - 1, 2_000, 700]) {
      const cut = cutLines(text.split('\n'), budget, options);
      expect(cut).toBe(cutBlock(text, budget, options));
      expect(cut.length).toBeLessThanOrEqual(budget);
      expect(cut).toMatch(/Cut here:.* not shown; see the comment\.\n\n<\/details>$/);
    }
  });
});
