import { describe, expect, it } from '@jest/globals';
import { mergeSpecTrees } from '../../../src/workflow/merge-spec-trees.js';
import type { SourceFile } from '../../../src/specs/validate-specs.js';

/** A tree as path → content; an absent path is a file that does not exist on that side. */
type Tree = Record<string, string>;
const files = (tree: Tree): SourceFile[] => Object.entries(tree).map(([path, content]) => ({ path, content }));
const contents = (merged: SourceFile[]): Tree => Object.fromEntries(merged.map((file) => [file.path, file.content]));

const A = 'specs/a.yaml';
const B = 'specs/b.yaml';

describe('mergeSpecTrees', () => {
  it.each<[string, Tree, Tree, Tree, Tree, string[]]>([
    // name, merge base, PR head, current base → merged tree, paths the base changed
    ['nothing changed anywhere', { [A]: 'a0' }, { [A]: 'a0' }, { [A]: 'a0' }, { [A]: 'a0' }, []],
    ['changed on the PR only › the PR version', { [A]: 'a0' }, { [A]: 'a1' }, { [A]: 'a0' }, { [A]: 'a1' }, []],
    ['changed on the base only › the base version', { [A]: 'a0' }, { [A]: 'a0' }, { [A]: 'a2' }, { [A]: 'a2' }, [A]],
    ['both changed it the same way › no conflict', { [A]: 'a0' }, { [A]: 'a1' }, { [A]: 'a1' }, { [A]: 'a1' }, [A]],
    ['added on the base › kept', {}, {}, { [B]: 'b' }, { [B]: 'b' }, [B]],
    ['added on the PR › kept', {}, { [B]: 'b' }, {}, { [B]: 'b' }, []],
    ['added on both, same content › kept once', {}, { [B]: 'b' }, { [B]: 'b' }, { [B]: 'b' }, [B]],
    ['deleted on the PR only › gone', { [A]: 'a0' }, {}, { [A]: 'a0' }, {}, []],
    ['deleted on the base only › gone', { [A]: 'a0' }, { [A]: 'a0' }, {}, {}, [A]],
    ['deleted on both › gone', { [A]: 'a0' }, {}, {}, {}, [A]],
    [
      'each side changed a different file › both changes',
      { [A]: 'a0', [B]: 'b0' },
      { [A]: 'a1', [B]: 'b0' },
      { [A]: 'a0', [B]: 'b2' },
      { [A]: 'a1', [B]: 'b2' },
      [B],
    ],
  ])('%s', (_name, mergeBase, head, base, merged, changedOnBase) => {
    const result = mergeSpecTrees({ mergeBase: files(mergeBase), head: files(head), base: files(base) });
    expect(result).toEqual({ ok: true, files: expect.any(Array), changedOnBase });
    if (result.ok) expect(contents(result.files)).toEqual(merged);
  });

  it.each<[string, Tree, Tree, Tree]>([
    ['both changed it differently', { [A]: 'a0' }, { [A]: 'a1' }, { [A]: 'a2' }],
    ['deleted on the PR, changed on the base', { [A]: 'a0' }, {}, { [A]: 'a2' }],
    ['changed on the PR, deleted on the base', { [A]: 'a0' }, { [A]: 'a1' }, {}],
    ['added on both with different content', {}, { [A]: 'mine' }, { [A]: 'theirs' }],
  ])('%s › a conflict naming the file, nothing merged', (_name, mergeBase, head, base) => {
    const result = mergeSpecTrees({
      mergeBase: files({ ...mergeBase, [B]: 'b0' }),
      head: files({ ...head, [B]: 'b0' }),
      base: files({ ...base, [B]: 'b1' }),
    });
    expect(result).toEqual({ ok: false, conflicts: [A] });
  });

  it('several conflicts › every one named, sorted', () => {
    const result = mergeSpecTrees({
      mergeBase: files({ [B]: 'b0', [A]: 'a0' }),
      head: files({ [B]: 'b1', [A]: 'a1' }),
      base: files({ [B]: 'b2', [A]: 'a2' }),
    });
    expect(result).toEqual({ ok: false, conflicts: [A, B] });
  });

  it('files cut at the size cap with equal prefixes but different sizes › not the same file', () => {
    const cut = (size: number): SourceFile => ({ path: A, content: 'prefix', size });
    const result = mergeSpecTrees({ mergeBase: [cut(10)], head: [cut(10)], base: [cut(12)] });
    expect(result).toEqual({ ok: true, files: [cut(12)], changedOnBase: [A] });
  });
});
