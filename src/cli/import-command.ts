import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { readSpecTree } from '../specs/read-spec-tree.js';
import { bulkOnboard } from '../workflow/self-service/bulk-onboard.js';
import type { CliIo } from './io.js';
import { readConfigText, readExistingFile, specsDirectory } from './cli-paths.js';

export interface ImportOptions {
  csv: string;
  dir?: string;
  config?: string;
  outDir?: string;
  owner?: string;
}

/**
 * `infra-bot import users.csv [--dir infra-specs] [--config …] [--out-dir dir] [--owner who]`: one OktaUser spec per
 * row, after a preflight of every row against the specs already there. Exit 0 written, 1 bad rows (every one listed
 * as `users.csv:<line>: message`, nothing written), 2 usage.
 */
export async function importCommand(io: CliIo, options: ImportOptions): Promise<number> {
  const csvText = readExistingFile(io.cwd, options.csv, options.csv);
  const configPath = options.config ?? REPO_CONFIG_PATH;
  const configText = readConfigText(io.cwd, options.config);
  const config = loadRepoConfig(configText, configPath);
  const fromConfig = configText !== undefined && config.ok ? config.config.specsDir : undefined;
  // A --dir that does not exist is a typo; the default folder may not exist yet (the first import creates it).
  const specs = specsDirectory(io.cwd, options.dir, fromConfig, options.dir === undefined);
  const specsDir = specs.dir;
  const result = bulkOnboard({
    csvName: basename(options.csv),
    csvText,
    files: specs.exists ? readSpecTree(io.cwd, specsDir) : [],
    configText,
    specsDir,
    now: io.now(),
    ...(options.owner !== undefined && { owner: options.owner }),
    ...(options.outDir !== undefined && { folder: options.outDir }),
  });
  if (!result.ok) {
    for (const problem of result.problems) io.out(problem);
    io.err(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing written`);
    return 1;
  }
  const clashes = result.files.filter((file) => existsSync(resolve(io.cwd, file.path)));
  if (clashes.length) {
    for (const file of clashes) io.out(`${basename(options.csv)}:${file.line}: ${file.path} already exists`);
    io.err('nothing written');
    return 1;
  }
  for (const file of result.files) {
    const path = resolve(io.cwd, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, { flag: 'wx' });
    io.out(`${file.path}  OktaUser/${file.name}  ${file.email}`);
  }
  io.err(`${result.files.length} spec${result.files.length === 1 ? '' : 's'} written`);
  return 0;
}
