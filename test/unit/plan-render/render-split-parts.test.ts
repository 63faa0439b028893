import { describe, expect, it } from '@jest/globals';
import { joinLayouts, packLines, prepareLines } from '../../../src/plan/render-split-parts.js';
import { readStructure } from './markdown-structure.js';

/** The lines a reader sees once the continuation markup (reopened details and fences) is taken away. */
function contentLines(parts: string[]): string[] {
  return parts.flatMap((part) =>
    part
      .split('\n')
      .filter(
        (l) => !/^<details open>$|\(continued from part \d+\)<\/summary>$|^~~~~text$|^~~~~$|^<\/details>$|^$/.test(l),
      ),
  );
}

describe('packLines', () => {
  const nested = [
    '<details>',
    '<summary>outer</summary>',
    '',
    '<details>',
    '<summary>inner</summary>',
    '',
    '~~~~text',
    ...Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(40)}`),
    '~~~~',
    '',
    '</details>',
    '',
    '</details>',
  ];

  it('nested details and a tilde fence › closed at the end of each part, reopened with the same summary and fence', () => {
    const { parts } = packLines(nested, { budget: 3_000 });
    expect(parts.length).toBeGreaterThan(5);
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(3_000);
      expect(readStructure(part).problems).toEqual([]);
      if (i > 0) {
        expect(
          part.startsWith(
            `<details open>\n<summary>outer (continued from part ${i})</summary>\n\n` +
              `<details open>\n<summary>inner (continued from part ${i})</summary>\n\n~~~~text\n`,
          ),
        ).toBe(true);
      }
    });
    const seen = contentLines(parts).filter((l) => l.startsWith('line '));
    expect(seen).toEqual(nested.filter((l) => l.startsWith('line ')));
  });

  it('a line longer than a part › is wrapped, not dropped', () => {
    const long = Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(' ');
    const { parts } = packLines(['```', long, '```'], { budget: 4_000 });
    expect(parts.length).toBeGreaterThan(2);
    const joined = parts.map((p) => readStructure(p).fencedLines.join('')).join('');
    expect(joined.replace(/ /g, '')).toBe(long.replace(/ /g, ''));
  });

  it('room for a footer › the last part keeps it free and still holds content', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `paragraph ${i} ${'y'.repeat(30)}\n`)
      .join('\n')
      .split('\n');
    const plain = packLines(lines, { budget: 2_500 });
    const last = plain.parts[plain.parts.length - 1]!;
    const room = 2_500 - last.length + 1; // just too much for the last part as laid out
    const { parts } = packLines(lines, { budget: 2_500, lastRoom: room });
    expect(parts.length).toBe(plain.parts.length + 1);
    expect(parts[parts.length - 1]!.length + room).toBeLessThanOrEqual(2_500);
    expect(parts[parts.length - 1]!.trim()).not.toBe('');
    expect(parts.join('\n').match(/paragraph \d+/g)).toHaveLength(200);
  });

  it('a part cap › stops there and says from which line the rest was left out', () => {
    const { parts, leftOut, lines } = packLines(nested, { budget: 3_000, maxParts: 2, capRoom: 300 });
    expect(parts).toHaveLength(2);
    expect(parts[1]!.length).toBeLessThanOrEqual(3_000 - 300);
    expect(leftOut).toBeGreaterThan(0);
    const shown = contentLines(parts).filter((l) => l.startsWith('line '));
    expect(shown).toEqual(lines.slice(0, leftOut).filter((l) => l.startsWith('line ')));
  });
});

describe('joinLayouts', () => {
  const tail = ['<details>', '<summary>s</summary>', '', '```diff', `+ ${'y'.repeat(500)}`, '```', '', '</details>'];

  it('a head with nothing open › the same lines and markup as preparing all the lines at once', () => {
    const head = ['| a | b |', '', '```text', 'x', '```', '', '<details>', '<summary>h</summary>', '</details>', ''];
    expect(joinLayouts(prepareLines(head, 300), prepareLines(tail, 300))).toEqual(
      prepareLines([...head, ...tail], 300),
    );
  });

  it('a head that leaves a fence or a <details> open › the tail is read again from there', () => {
    for (const head of [
      ['intent', '```'],
      ['<details>', '<summary>open</summary>', ''],
    ]) {
      const joined = joinLayouts(prepareLines(head, 300), prepareLines(tail, 300));
      expect(joined).toEqual(prepareLines([...head, ...tail], 300));
      expect(joined.states[joined.lines.length]).not.toEqual(prepareLines(tail, 300).states[tail.length]);
    }
  });
});
