import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { formatDiagnostic } from '../specs/diagnostic.js';
import type { Diagnostic } from '../specs/diagnostic.js';

/**
 * `.github/infra.yml` at a commit does not pass the repo config schema. Nothing is read with guessed defaults
 * (the specs folder, policy and approvers would all be wrong): the command stops and says so.
 */
export class RepoConfigError extends Error {
  override readonly name = 'RepoConfigError';
  constructor(
    readonly sha: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(renderConfigProblems(sha, diagnostics));
  }
}

/** Markdown naming the commit, and each problem with its line, and what to do. */
export function renderConfigProblems(sha: string, diagnostics: readonly Diagnostic[]): string {
  const problems = diagnostics.slice(0, 20).map(formatDiagnostic).join('\n');
  const more = diagnostics.length > 20 ? `\n… and ${diagnostics.length - 20} more` : '';
  return `⛔ \`${REPO_CONFIG_PATH}\` at ${sha.slice(0, 7)} is invalid, so infra-bot cannot tell where the specs are or which policy applies; nothing was done. Fix it in a pull request, then try again.\n\n\`\`\`text\n${problems}${more}\n\`\`\``;
}
