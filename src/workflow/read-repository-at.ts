import { stringify } from 'yaml';
import { loadRepoConfig } from '../config/load-repo-config.js';
import type { RepoConfigResult } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH, defaultRepoConfig } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import { readRepoFiles } from '../github/repo-files.js';
import type { RepoFile, SkippedFile } from '../github/repo-files.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import { MAX_SPEC_FILES, isSpecPath } from '../specs/validate-specs.js';
import type { SourceFile } from '../specs/validate-specs.js';
import { MAX_SPEC_FILE_BYTES } from '../specs/yaml-file.js';

export interface RepositoryAt {
  sha: string;
  /** The `.github/infra.yml` text in force (the repository's, else the organisation's shared one). */
  configText?: string;
  /** The config through the zod schema: an invalid config stays an error, it is never replaced by defaults. */
  config: RepoConfigResult;
  /** The configured specs folder; the default folder when the config is absent, '' when the config is invalid. */
  specsDir: string;
  /** The spec files under `specsDir` (none when the config is invalid: their folder is unknown). */
  specFiles: SourceFile[];
  /** Files that could not be read (too large, not UTF-8, links…), reported like any other problem. */
  unreadable: Diagnostic[];
}

const isYaml = (path: string): boolean => /\.ya?ml$/i.test(path);

/**
 * The repository at one commit, from ONE tarball download: `.github/infra.yml` through the repo config schema
 * (Probot's `<org>/.github` fallback when the repository has none), then the specs under the folder it names.
 * Every YAML file is kept while reading, because the folder is only known once the config in the same archive is read.
 */
export async function readRepositoryAt(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  sha: string,
  /** Read the specs under this folder instead of the commit's own (a PR head is validated against its base). */
  options: { specsDir?: string } = {},
): Promise<RepositoryAt> {
  const { files, skipped } = await readRepoFiles(octokit, {
    ...target,
    ref: sha,
    prefixes: [REPO_CONFIG_PATH, 'every *.yaml / *.yml file'],
    match: (path) => path === REPO_CONFIG_PATH || isYaml(path),
    // Oversized specs are kept at the cap + 1 so validation reports them with the rest.
    maxFileBytes: MAX_SPEC_FILE_BYTES,
    maxFiles: 2 * MAX_SPEC_FILES + 1,
  });
  const configFile = files.find((file) => file.path === REPO_CONFIG_PATH);
  const configSkipped = skipped.find((file) => file.path === REPO_CONFIG_PATH);
  const configText = configFile?.content ?? (configSkipped ? undefined : await sharedConfigText(octokit, target));
  const config = configSkipped
    ? { ok: false as const, diagnostics: [unreadableDiagnostic(configSkipped)] }
    : loadRepoConfig(configText);
  const specsDir = options.specsDir ?? (config.ok ? config.config.specsDir : '');
  return {
    sha,
    ...(configText !== undefined && { configText }),
    config,
    specsDir,
    ...specsUnder(specsDir, files, skipped),
  };
}

function specsUnder(
  specsDir: string,
  files: RepoFile[],
  skipped: SkippedFile[],
): { specFiles: SourceFile[]; unreadable: Diagnostic[] } {
  if (specsDir === '') return { specFiles: [], unreadable: [] };
  // Not cut at the cap: validation's "N spec files found" must name the real count (the download's own bound,
  // maxFiles above, keeps memory in check).
  const specFiles = files.filter((file) => isSpecPath(file.path, specsDir));
  const unreadable = skipped.filter((file) => isSpecPath(file.path, specsDir)).map(unreadableDiagnostic);
  return { specFiles, unreadable };
}

const unreadableDiagnostic = (file: SkippedFile): Diagnostic => ({
  file: file.path,
  line: 1,
  column: 1,
  path: '',
  message: `cannot be read (${file.reason.replace(/_/g, ' ')}: ${file.detail})`,
  severity: 'error',
});

async function sharedConfigText(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
): Promise<string | undefined> {
  const { config, files } = await octokit.config.get({ ...target, path: REPO_CONFIG_PATH });
  if (files.every((file) => file.config === null)) return undefined;
  return stringify(config);
}

/** The config to run with: the parsed one, or the defaults for a caller that has already reported the error. */
export const configOrDefaults = (repository: RepositoryAt) =>
  repository.config.ok ? repository.config.config : defaultRepoConfig();

/** The config's problems as diagnostics (empty when it is valid or absent). */
export const configDiagnostics = (repository: RepositoryAt): Diagnostic[] =>
  repository.config.ok ? [] : repository.config.diagnostics;
