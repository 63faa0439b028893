import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from './validate-specs.js';
import { MAX_SPEC_FILE_BYTES } from './yaml-file.js';

/** Reads every .yaml/.yml file below `dir` (paths relative to `root`, `/`-separated), never following symlinks. */
export async function readSpecTree(root: string, dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name))
        files.push(await readCapped(full, relative(root, full).split(sep).join('/')));
    }
  };
  const start = join(root, dir);
  const stat = await lstat(start).catch(() => undefined);
  if (stat?.isDirectory()) await walk(start);
  return files;
}

/** Reads at most the size cap (+1 byte), so a huge file costs nothing and is still reported with its real size. */
async function readCapped(full: string, path: string): Promise<SourceFile> {
  const handle = await open(full, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_SPEC_FILE_BYTES + 1);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, 0);
    return { path, content: buffer.toString('utf8'), size };
  } finally {
    await handle.close();
  }
}
