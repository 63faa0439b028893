import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import { mergeSpecTrees } from './merge-spec-trees.js';
import { readRepositoryAt } from './read-repository-at.js';
import type { RepositoryAt } from './read-repository-at.js';

export type MergeWithBase =
  | {
      ok: true;
      /** What the merge would hold (the head itself when it is up to date with the base); `sha` stays the head's. */
      repository: RepositoryAt;
      /** Spec files (and the config) the base changed since the branch left it, that the head does not have. */
      changedOnBase: string[];
    }
  | { ok: false; conflicts: string[] };

/**
 * The specs a PR's merge would produce, so a PR behind its base never plans to undo what the base gained since
 * (Atlantis's "merge" checkout): a file-level three-way merge of merge base, head and current base. A head up to
 * date with its base is returned as it is, without reading the merge base.
 */
export async function mergeWithBase(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  input: { base: RepositoryAt; head: RepositoryAt; mergeBaseSha: string },
): Promise<MergeWithBase> {
  const { base, head } = input;
  if (input.mergeBaseSha === base.sha) return { ok: true, repository: head, changedOnBase: [] };
  // A head the base already contains merges to the base itself: the head is the merge base, nothing to download.
  const ancestor =
    input.mergeBaseSha === head.sha
      ? head
      : await readRepositoryAt(octokit, target, input.mergeBaseSha, { specsDir: base.specsDir });
  // The config takes part in the merge as one more file (a PR that did not touch it has the base's).
  const configFile = (repository: RepositoryAt) =>
    repository.configText === undefined ? [] : [{ path: REPO_CONFIG_PATH, content: repository.configText }];
  const merged = mergeSpecTrees({
    mergeBase: [...ancestor.specFiles, ...configFile(ancestor)],
    head: [...head.specFiles, ...configFile(head)],
    base: [...base.specFiles, ...configFile(base)],
  });
  if (!merged.ok) return merged;
  const headKeepsConfig = head.configText === ancestor.configText;
  const config = headKeepsConfig ? { config: base.config, configText: base.configText } : head;
  const repository: RepositoryAt = {
    sha: head.sha,
    ...(config.configText !== undefined && { configText: config.configText }),
    config: config.config,
    specsDir: head.specsDir,
    specFiles: merged.files.filter((file) => file.path !== REPO_CONFIG_PATH),
    unreadable: unreadableOfBoth(head.unreadable, base.unreadable),
  };
  return { ok: true, repository, changedOnBase: merged.changedOnBase };
}

// An unreadable file is absent from the trees, so it cannot be merged: reported from either side, it stops the plan.
function unreadableOfBoth(head: readonly Diagnostic[], base: readonly Diagnostic[]): Diagnostic[] {
  const files = new Set(head.map((d) => d.file));
  return [...head, ...base.filter((d) => !files.has(d.file))];
}

/** The plan comment's and plan check's text for a PR whose merge conflicts in the specs. */
export function mergeConflictMessage(conflicts: readonly string[], baseRef: string, baseSha: string): string {
  const list = conflicts.map((path) => `- \`${path}\``).join('\n');
  return [
    `### ⚠️ Not planned: this branch conflicts with \`${baseRef}\` (${baseSha.slice(0, 7)})`,
    '',
    `This PR and \`${baseRef}\` both changed ${conflicts.length === 1 ? 'this file' : 'these files'}, differently, since this branch was created:`,
    '',
    list,
    '',
    `infra-bot plans what the merge would produce, and cannot tell which version you mean. Merge \`${baseRef}\` into this branch (or rebase onto it), resolve the conflict and push: the PR is planned again.`,
  ].join('\n');
}

/** The plan comment's note when the plan includes base changes the branch does not have. */
export function includesBaseNote(changedOnBase: readonly string[], baseRef: string, baseSha: string): string {
  const n = changedOnBase.filter((path) => path !== REPO_CONFIG_PATH).length;
  const config = changedOnBase.includes(REPO_CONFIG_PATH) ? ` (and \`${REPO_CONFIG_PATH}\`)` : '';
  return `ℹ️ This plan includes the current base (${baseSha.slice(0, 7)}): ${n} spec file${n === 1 ? '' : 's'}${config} changed on \`${baseRef}\` since this branch was created, planned as the merge would hold them.`;
}
