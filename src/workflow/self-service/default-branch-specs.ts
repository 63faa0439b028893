import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { GitHubClient } from '../../github/octokit.js';
import { getBranchHead, getRepository } from '../../github/repos.js';
import type { SourceFile } from '../../specs/validate-specs.js';
import { configOrDefaults, readRepositoryAt } from '../read-repository-at.js';
import { RepoConfigError } from '../repo-config-error.js';
import { specIndex } from './check-change.js';

export interface DefaultBranchSpecs {
  branch: string;
  sha: string;
  /** The repository's web address, e.g. https://github.com/acme/infra. */
  htmlUrl: string;
  configText: string | undefined;
  /** The repo config in force (defaults when the file is absent). */
  config: RepoConfig;
  specsDir: string;
  files: SourceFile[];
  /** `kind/name` → file, for every spec file that names itself. */
  index: Map<string, string>;
}

/**
 * The default branch's head, its repo config and its spec files: what issue commands build their change on. An
 * invalid `.github/infra.yml` throws a RepoConfigError (the command replies with it) instead of guessing a folder.
 */
export async function readDefaultBranchSpecs(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
): Promise<DefaultBranchSpecs> {
  const repository = await getRepository(octokit, target);
  const branch = repository.defaultBranch;
  const sha = await getBranchHead(octokit, { ...target, branch });
  const at = await readRepositoryAt(octokit, target, sha);
  if (!at.config.ok) throw new RepoConfigError(sha, at.config.diagnostics);
  const config = configOrDefaults(at);
  return {
    branch,
    sha,
    htmlUrl: repository.htmlUrl,
    configText: at.configText,
    config,
    specsDir: at.specsDir,
    files: at.specFiles,
    index: specIndex(at.specFiles),
  };
}
