// Writes synthesised stacks in CDKTF's layout (`<out>/stacks/<stack>/cdk.tf.json` + `<out>/manifest.json`), so the
// output works with anything that reads a cdktf.out directory.
import fs from 'node:fs';
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
 *
 * The file system calls are synchronous on purpose: this serves the CLI, where ~400 small writes in a row cost less
 * than the same writes through the thread pool, and leave the CPU to synthesis.
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
  fs.mkdirSync(stacksDir, { recursive: true });
  const current = new Set(stacks.map((stack) => stack.name));
  const existing = options.pruneOthers === false ? [] : fs.readdirSync(stacksDir, { withFileTypes: true });
  for (const entry of existing) {
    if (entry.isDirectory() && !current.has(entry.name)) {
      fs.rmSync(path.join(stacksDir, entry.name), { recursive: true, force: true });
    }
  }
  const present = new Set(existing.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
  for (const stack of stacks) {
    const dir = path.join(stacksDir, stack.name);
    if (!present.has(stack.name)) fs.mkdirSync(dir, { recursive: true });
    overwrite(path.join(dir, 'cdk.tf.json'), stack.json);
  }
  overwrite(path.join(outDir, 'manifest.json'), `${stableJson(manifestFor(stacks))}\n`);
}

/**
 * Writes `text` over an existing file in place, then cuts it to length, instead of truncating it to zero first:
 * ext4 (auto_da_alloc, on by default) flushes a file that was truncated to zero and rewritten when it is closed,
 * which made rewriting the 400 stacks of the benchmark 2–20× slower (~15 ms → 30–500 ms under I/O load).
 */
function overwrite(file: string, text: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.writeFileSync(file, text);
    return;
  }
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += fs.writeSync(fd, bytes, written, bytes.length - written, written);
    }
    fs.ftruncateSync(fd, bytes.length);
  } finally {
    fs.closeSync(fd);
  }
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
