import { stringify } from 'yaml';
import { loadRepoConfig } from '../config/load-repo-config.js';
import type { RepoConfigResult } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';

/**
 * The repo config in force (default branch, with Probot's `<org>/.github` fallback), for jobs that do not read a
 * whole revision: approval clicks, expiries, issue commands.
 */
export async function readRepoConfig(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
): Promise<RepoConfigResult> {
  const { config, files } = await octokit.config.get({ ...target, path: REPO_CONFIG_PATH });
  const found = files.some((file) => file.config !== null);
  return loadRepoConfig(found ? stringify(config) : undefined);
}
