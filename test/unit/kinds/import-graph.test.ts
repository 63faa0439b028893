// The kind table is built when src/kinds/index.ts loads, from the definitions it imports. A definition that (through
// any module) imports the table back would run first and find its own binding uninitialised ("Cannot access
// 'oktaUser' before initialization"), whichever module the process happens to load first. So no module a
// definition loads at run time may load the table.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../repo/repo-files.js';

const SRC = join(REPO_ROOT, 'src');
const TABLE = join(SRC, 'kinds', 'index.ts');

/** Run-time imports (not `import type`, not `export type`) of a source file, as absolute .ts paths. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
    if (match[1]) continue;
    found.push(resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** The chain of run-time imports from `start` to `target`, or undefined when there is none. */
function chainTo(start: string, target: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (file: string, path: string[]): string[] | undefined => {
    if (file === target) return path;
    if (seen.has(file)) return undefined;
    seen.add(file);
    for (const next of runtimeImports(file)) {
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

/** Every module of the kinds room but the table itself: the definitions and what they share. */
const kindModules = (readdirSync(join(SRC, 'kinds'), { recursive: true, withFileTypes: true }) as Dirent[])
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => join(entry.parentPath, entry.name))
  .filter((file) => file !== TABLE)
  .sort();

describe('kinds room › import graph', () => {
  it('finds every kind definition', () => {
    expect(kindModules.filter((file) => file.endsWith('/definition.ts')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(kindModules.map((file) => [relative(SRC, file), file]))('%s never loads the kind table', (_name, file) => {
    expect(chainTo(file, TABLE)?.map((f) => relative(SRC, f))).toBeUndefined();
  });
});
