import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { readSpecTree } from '../specs/read-spec-tree.js';
import { validateSpecs } from '../specs/validate-specs.js';
import type { ValidationResult } from '../specs/validate-specs.js';

export interface WorkspaceOptions {
  cwd: string;
  dir?: string;
  config?: string;
  now: Date;
}

/** Reads the repo config and the specs folder from disk and validates them. */
export async function loadWorkspace(options: WorkspaceOptions): Promise<ValidationResult> {
  const configPath = options.config ?? REPO_CONFIG_PATH;
  const configText = readConfig(resolve(options.cwd, configPath), configPath, options.config === undefined);
  const config = loadRepoConfig(configText, configPath);
  const dir = options.dir ?? (config.ok ? config.config.specsDir : 'infra-specs');
  const files = readSpecTree(options.cwd, dir);
  return validateSpecs({ files, configText, configPath, now: options.now });
}

/** The config text; undefined when the default config file is absent. Synchronous, like the spec reads. */
function readConfig(file: string, configPath: string, isDefault: boolean): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' && isDefault) return undefined;
    throw new CliUsageError(`cannot read the repo config ${configPath}: ${code ?? message}`);
  }
}

/** A mistake in how the command was called (exit code 2). */
export class CliUsageError extends Error {
  readonly code = 'cli_usage';
}
