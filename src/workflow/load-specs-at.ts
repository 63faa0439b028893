import { loadRepoConfig } from '../config/load-repo-config.js';
import { defaultRepoConfig } from '../config/repo-config-schema.js';
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import { validateSpecs } from '../specs/validate-specs.js';
import type { ValidationResult } from '../specs/validate-specs.js';
import { readRevision, specsDirOf } from './read-revision.js';

export interface SpecsAt {
  config: RepoConfig;
  validation: ValidationResult;
}

/** The repo config and validated specs of one commit, with that commit's own config (merge commits, the default branch). */
export async function loadSpecsAt(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  sha: string,
  now: Date,
): Promise<SpecsAt> {
  let revision = await readRevision(octokit, target, sha, 'infra-specs');
  const specsDir = specsDirOf(revision.configText);
  if (specsDir !== 'infra-specs') revision = await readRevision(octokit, target, sha, specsDir);
  const configResult = loadRepoConfig(revision.configText);
  const validation = validateSpecs({ files: revision.specFiles, configText: revision.configText, now });
  const diagnostics = [...revision.unreadable, ...validation.diagnostics];
  const ok = validation.ok && revision.unreadable.length === 0;
  return {
    config: configResult.ok ? configResult.config : defaultRepoConfig(),
    validation: { ...validation, ok, diagnostics, specs: ok ? validation.specs : [] },
  };
}
