#!/usr/bin/env node
// Entry point for `npx infra-bot …`; the TypeScript sources are compiled to lib/ by `npm install` (prepare).
import fs from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

// Node >= 22.1 can keep V8's compiled code for the modules we load (ours, zod, cdktf …) between runs, which saves a
// good part of module loading from the second run on; older Node has no such API and loads as before. Enabled
// before the CLI is imported (hence the dynamic import), so it covers every module.
if (typeof module.enableCompileCache === 'function') {
  const dir = privateCacheDir();
  // A cache that cannot be used is reported in the return value, never thrown.
  if (dir) module.enableCompileCache(dir);
}
const { runCli } = await import('../lib/cli.js');

process.exitCode = await runCli(process.argv.slice(2));

/**
 * `<tmp>/infra-bot-compile-cache-<uid>`, only if it is a real directory that this user owns and no one else may write:
 * compiled code read from a cache runs as this user, so another user of a shared temp dir must not be able to plant
 * it. Undefined (no cache) otherwise.
 */
function privateCacheDir() {
  const uid = process.getuid?.();
  const dir = path.join(os.tmpdir(), `infra-bot-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
