import type { RepoConfig } from '../../config/repo-config-schema.js';
import { callGitHub } from '../../github/errors.js';
import type { GitHubClient } from '../../github/octokit.js';
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
  const { data: repository } = await callGitHub(`get ${target.owner}/${target.repo}`, () =>
    octokit.rest.repos.get(target),
  );
  const branch = repository.default_branch;
  const { data: ref } = await callGitHub(`get the head of ${branch}`, () =>
    octokit.rest.git.getRef({ ...target, ref: `heads/${branch}` }),
  );
  const sha = ref.object.sha;
  const at = await readRepositoryAt(octokit, target, sha);
  if (!at.config.ok) throw new RepoConfigError(sha, at.config.diagnostics);
  const config = configOrDefaults(at);
  return {
    branch,
    sha,
    htmlUrl: repository.html_url,
    configText: at.configText,
    config,
    specsDir: at.specsDir,
    files: at.specFiles,
    index: specIndex(at.specFiles),
  };
}
