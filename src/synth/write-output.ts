// Writes synthesised stacks in CDKTF's layout (`<out>/stacks/<stack>/cdk.tf.json` + `<out>/manifest.json`), so the
// output works with anything that reads a cdktf.out directory.
import fs from 'node:fs/promises';
import path from 'node:path';
import { engine } from './engine.js';
import { SynthError } from './errors.js';
import { stableJson } from './render.js';

interface StackOutput {
  name: string;
  json: string;
}

/**
 * With `pruneOthers` (the default), also removes stack directories under `<outDir>/stacks` that are not in `stacks`
 * (their specs are gone); a partial synth of selected stacks leaves the others alone.
 */
export async function writeSynthOutput(
  outDir: string,
  stacks: readonly StackOutput[],
  options: { pruneOthers?: boolean } = {},
): Promise<void> {
  for (const { name } of stacks) {
    // Names become directory names: never let one climb out of `<outDir>/stacks`.
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new SynthError('invalid-stack-name', `bad stack name ${name}`);
  }
  const stacksDir = path.join(outDir, 'stacks');
  await fs.mkdir(stacksDir, { recursive: true });
  const current = new Set(stacks.map((stack) => stack.name));
  const existing = options.pruneOthers === false ? [] : await fs.readdir(stacksDir, { withFileTypes: true });
  await Promise.all(
    existing
      .filter((entry) => entry.isDirectory() && !current.has(entry.name))
      .map((entry) => fs.rm(path.join(stacksDir, entry.name), { recursive: true, force: true })),
  );
  await Promise.all(
    stacks.map(async (stack) => {
      const dir = path.join(stacksDir, stack.name);
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'cdk.tf.json'), stack.json);
    }),
  );
  await fs.writeFile(path.join(outDir, 'manifest.json'), `${stableJson(manifestFor(stacks))}\n`);
}

/** CDKTF's manifest shape (cdktf/lib/manifest.js), paths relative to the output directory. */
function manifestFor(stacks: readonly StackOutput[]) {
  const entries = stacks.map(({ name }) => {
    const workingDirectory = path.posix.join('stacks', name);
    return [
      name,
      {
        name,
        constructPath: name,
        workingDirectory,
        synthesizedStackPath: path.posix.join(workingDirectory, 'cdk.tf.json'),
        stackMetadataPath: path.posix.join(workingDirectory, 'metadata.json'),
        annotations: [],
        dependencies: [],
      },
    ] as const;
  });
  return { version: engine().version, stacks: Object.fromEntries(entries) };
}
