import { loadRepoConfig } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { readSpecTree } from '../specs/read-spec-tree.js';
import { validateSpecs } from '../specs/validate-specs.js';
import type { ValidationResult } from '../specs/validate-specs.js';
import { NoSpecsError } from './cli-errors.js';
import { readConfigText, specsDirectory } from './cli-paths.js';

export { CliUsageError } from './cli-errors.js';

export interface WorkspaceOptions {
  cwd: string;
  dir?: string;
  config?: string;
  now: Date;
  /** A specs folder without any spec is valid (otherwise NoSpecsError). */
  allowEmpty?: boolean;
}

/**
 * Reads the repo config and the specs folder from disk and validates them. A --config or specs folder that does not
 * exist is a CliPathError, never "0 specs".
 */
export async function loadWorkspace(options: WorkspaceOptions): Promise<ValidationResult> {
  const configPath = options.config ?? REPO_CONFIG_PATH;
  const configText = readConfigText(options.cwd, options.config);
  const config = loadRepoConfig(configText, configPath);
  const fromConfig = configText !== undefined && config.ok ? config.config.specsDir : undefined;
  const { dir, label } = specsDirectory(options.cwd, options.dir, fromConfig);
  const files = readSpecTree(options.cwd, dir);
  if (files.length === 0 && !options.allowEmpty) {
    throw new NoSpecsError(`${label}: no spec files (*.yaml, *.yml) in it; pass --allow-empty if that is expected`);
  }
  return validateSpecs({ files, configText, configPath, now: options.now });
}
