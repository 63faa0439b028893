import type { RepoConfig } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import { validateSpecs } from '../specs/validate-specs.js';
import type { ValidationResult } from '../specs/validate-specs.js';
import { configDiagnostics, configOrDefaults, readRepositoryAt } from './read-repository-at.js';

export interface SpecsAt {
  /** The commit's config; the defaults when it is invalid (then `configProblems` lists why and nothing validates). */
  config: RepoConfig;
  configProblems: Diagnostic[];
  validation: ValidationResult;
}

/** The repo config and validated specs of one commit, with that commit's own config (merge commits, the default branch). */
export async function loadSpecsAt(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  sha: string,
  now: Date,
): Promise<SpecsAt> {
  const repository = await readRepositoryAt(octokit, target, sha);
  const configProblems = configDiagnostics(repository);
  const validation = validateSpecs({ files: repository.specFiles, configText: repository.configText, now });
  const seen = new Set(configProblems.map(key));
  const diagnostics = [
    ...configProblems,
    ...repository.unreadable,
    ...validation.diagnostics.filter((d) => !seen.has(key(d))),
  ];
  const ok = validation.ok && repository.unreadable.length === 0 && configProblems.length === 0;
  return {
    config: configOrDefaults(repository),
    configProblems,
    validation: { ...validation, ok, diagnostics, specs: ok ? validation.specs : [] },
  };
}

const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.message}`;
