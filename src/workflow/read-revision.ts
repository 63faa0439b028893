import { stringify } from 'yaml';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import { readRepoFiles } from '../github/repo-files.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import { MAX_SPEC_FILES, isSpecPath } from '../specs/validate-specs.js';
import type { SourceFile } from '../specs/validate-specs.js';
import { MAX_SPEC_FILE_BYTES } from '../specs/yaml-file.js';

export interface Revision {
  sha: string;
  configText?: string;
  specFiles: SourceFile[];
  /** Files that could not be read (too large, not UTF-8, links…), reported like any other problem. */
  unreadable: Diagnostic[];
}

/**
 * Reads `.github/infra.yml` and the specs folder at one commit with a single tarball download. When the repository
 * has no `.github/infra.yml`, Probot's config lookup supplies the organisation's shared one (`<org>/.github`).
 */
export async function readRevision(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  sha: string,
  specsDir: string,
): Promise<Revision> {
  const { files, skipped } = await readRepoFiles(octokit, {
    ...target,
    ref: sha,
    prefixes: [`${specsDir.replace(/\/+$/, '')}/`, REPO_CONFIG_PATH],
    // Oversized specs are kept at the cap + 1 so validation reports them with the rest.
    maxFileBytes: MAX_SPEC_FILE_BYTES,
    maxFiles: MAX_SPEC_FILES + 1,
  });
  const configFile = files.find((file) => file.path === REPO_CONFIG_PATH);
  const specFiles = files.filter((file) => isSpecPath(file.path, specsDir));
  const unreadable: Diagnostic[] = skipped
    .filter((file) => file.path === REPO_CONFIG_PATH || isSpecPath(file.path, specsDir))
    .map((file) => ({
      file: file.path,
      line: 1,
      column: 1,
      path: '',
      message: `cannot be read (${file.reason.replace(/_/g, ' ')}: ${file.detail})`,
      severity: 'error',
    }));
  const configText = configFile?.content ?? (await sharedConfigText(octokit, target));
  return { sha, specFiles, unreadable, ...(configText !== undefined && { configText }) };
}

async function sharedConfigText(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
): Promise<string | undefined> {
  const { config, files } = await octokit.config.get({ ...target, path: REPO_CONFIG_PATH });
  if (files.every((file) => file.config === null)) return undefined;
  return stringify(config);
}

/** Where the specs live according to a config text (defaults when absent or unreadable). */
export function specsDirOf(configText: string | undefined): string {
  const match = configText && /^specsDir:\s*["']?([A-Za-z0-9._/-]+)["']?\s*$/m.exec(configText);
  return match && match[1] && !match[1].includes('..') ? match[1] : 'infra-specs';
}
