import type { SourceFile } from '../specs/validate-specs.js';

export interface SpecTrees {
  /** The files at the merge base of the PR (where its branch left the base branch). */
  mergeBase: readonly SourceFile[];
  /** The files at the PR head. */
  head: readonly SourceFile[];
  /** The files at the current head of the base branch. */
  base: readonly SourceFile[];
}

export type MergedSpecTree =
  | {
      ok: true;
      /** What the merge would hold, sorted by path. */
      files: SourceFile[];
      /** Paths the base branch changed (added, modified, deleted) since the merge base, sorted. */
      changedOnBase: string[];
    }
  | {
      ok: false;
      /** Paths the PR and the base branch both changed, differently, sorted. */
      conflicts: string[];
    };

/**
 * A file-level three-way merge, the way git merges whole files: a file takes the PR's version where the PR changed
 * it since the merge base, else the base branch's current version (absent = deleted). Both sides changing a file
 * the same way is no conflict; changing it differently (deleting it counts as a change) is, and nothing is merged.
 */
export function mergeSpecTrees(trees: SpecTrees): MergedSpecTree {
  const ancestor = byPath(trees.mergeBase);
  const head = byPath(trees.head);
  const base = byPath(trees.base);
  const paths = [...new Set([...ancestor.keys(), ...head.keys(), ...base.keys()])].sort();
  const files: SourceFile[] = [];
  const conflicts: string[] = [];
  const changedOnBase: string[] = [];
  for (const path of paths) {
    const was = ancestor.get(path);
    const ours = base.get(path);
    const theirs = head.get(path);
    if (!sameContent(was, ours)) changedOnBase.push(path);
    const prChanged = !sameContent(was, theirs);
    if (prChanged && !sameContent(was, ours) && !sameContent(ours, theirs)) {
      conflicts.push(path);
      continue;
    }
    const kept = prChanged ? theirs : ours;
    if (kept) files.push(kept);
  }
  return conflicts.length > 0 ? { ok: false, conflicts } : { ok: true, files, changedOnBase };
}

function byPath(files: readonly SourceFile[]): Map<string, SourceFile> {
  return new Map(files.map((file) => [file.path, file]));
}

// A file cut at the size cap carries its real size: two cut files are the same only if both sizes agree too.
const sameContent = (a: SourceFile | undefined, b: SourceFile | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.content === b.content && a.size === b.size;
