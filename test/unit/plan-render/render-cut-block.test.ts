import { describe, expect, it } from '@jest/globals';
import { advanceMarkdown, cutBlock, cutLines, type MarkdownState } from '../../../src/plan/render-cut-block.js';

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

describe('advanceMarkdown', () => {
  const after = (lines: string[]): MarkdownState =>
    lines.reduce<MarkdownState>((state, line) => advanceMarkdown(state, line), { fence: null, details: 0 });

  it.each([
    [['```diff'], '```'],
    [['   ~~~~text'], '~~~~'],
    [['    ```'], null], // four spaces: an indented code line, not a fence
    [['``'], null],
    [['``` a`b'], null], // a backtick in the info string: inline code
    [['~~~ a`b'], '~~~'],
    [['````', '```'], '````'], // a shorter run does not close
    [['~~~', '```'], '~~~'], // nor another character
    [['```', '  ````  '], null],
    [['```', '``` x'], '```'], // text after the run: not a closing fence
  ])('%j › open fence %j', (lines, fence) => {
    expect(after(lines).fence).toBe(fence);
  });

  it('counts <details> outside code only', () => {
    expect(after(['<details>', '<details open>', '</details>']).details).toBe(1);
    expect(after(['```', '<details>', '```']).details).toBe(0);
  });
});
