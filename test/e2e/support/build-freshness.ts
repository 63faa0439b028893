// The e2e tests run the BUILT server (lib/), not src/: a lib/ older than src/ would pass or fail for code that no
// longer exists. Each e2e file checks it before anything starts (test/e2e/support/require-fresh-build.ts).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What tsc writes for a file of src/ (tsconfig.json: outDir lib, resolveJsonModule), or undefined when nothing. */
function builtName(file: string): string | undefined {
  if (file.endsWith('.d.ts')) return undefined;
  if (file.endsWith('.ts')) return `${file.slice(0, -'.ts'.length)}.js`;
  if (file.endsWith('.json')) return file;
  return undefined;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

const mtimeOf = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** One line per file of `<root>/src` whose build in `<root>/lib` is missing or older than it. */
export function staleBuildFiles(root: string): string[] {
  const src = join(root, 'src');
  const lib = join(root, 'lib');
  const stale: string[] = [];
  for (const file of filesUnder(src)) {
    const name = builtName(relative(src, file));
    if (name === undefined) continue;
    const built = mtimeOf(join(lib, name));
    if (built === undefined) stale.push(`lib/${name} is missing (src/${relative(src, file)} has no build)`);
    else if (built < statSync(file).mtimeMs) stale.push(`lib/${name} is older than src/${relative(src, file)}`);
  }
  return stale.sort();
}

const SHOWN = 10;

/** Throws, naming the stale files, when lib/ is not the build of the current src/. */
export function assertFreshBuild(root: string): void {
  const stale = staleBuildFiles(root);
  if (stale.length === 0) return;
  const more = stale.length > SHOWN ? [`… and ${stale.length - SHOWN} more`] : [];
  throw new Error(
    [
      `The e2e tests run the built server in lib/, which is not the build of src/ (${stale.length} files):`,
      ...stale.slice(0, SHOWN).map((line) => `  ${line}`),
      ...more,
      'Run `npm run build` first (`npm run test:e2e` builds for you).',
    ].join('\n'),
  );
}
