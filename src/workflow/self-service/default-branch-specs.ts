import { loadRepoConfig } from '../../config/load-repo-config.js';
import { defaultRepoConfig } from '../../config/repo-config-schema.js';
import type { RepoConfig } from '../../config/repo-config-schema.js';
import { callGitHub } from '../../github/errors.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { SourceFile } from '../../specs/validate-specs.js';
import { readRevision, specsDirOf } from '../read-revision.js';
import { specIndex } from './check-change.js';

export interface DefaultBranchSpecs {
  branch: string;
  sha: string;
  /** The repository's web address, e.g. https://github.com/acme/infra. */
  htmlUrl: string;
  configText: string | undefined;
  /** The repo config in force (defaults when the file is absent or invalid). */
  config: RepoConfig;
  specsDir: string;
  files: SourceFile[];
  /** `kind/name` → file, for every spec file that names itself. */
  index: Map<string, string>;
}

/** The default branch's head, its repo config and its spec files: what issue commands build their change on. */
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
  let revision = await readRevision(octokit, target, sha, 'infra-specs');
  const specsDir = specsDirOf(revision.configText);
  if (specsDir !== 'infra-specs') revision = await readRevision(octokit, target, sha, specsDir);
  const loaded = loadRepoConfig(revision.configText);
  return {
    branch,
    sha,
    htmlUrl: repository.html_url,
    configText: revision.configText,
    config: loaded.ok ? loaded.config : defaultRepoConfig(),
    specsDir: loaded.ok ? loaded.config.specsDir : specsDir,
    files: revision.specFiles,
    index: specIndex(revision.specFiles),
  };
}
