import type { RepoConfig } from '../../config/repo-config-schema.js';
import { commitFiles, createBranch, openPull } from '../../github/pulls.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { IntentSpec } from '../../specs/model.js';
import type { Deps } from '../services.js';
import { removalCommitMessage, renderRemovalPull, type SpecRemoval } from './render-expiry-notices.js';

export const EXPIRY_BRANCH_PREFIX = 'infra-bot/expire/';

/**
 * Takes an expired spec out of the default branch so no later apply re-creates it: a direct commit where the repo
 * config allows (and branch protection lets the app push), otherwise a PR that infra-bot merges once its checks
 * pass. Returns what happened, for the notices.
 */
export async function removeExpiredSpec(
  services: Deps<'log'>,
  octokit: GitHubClient,
  input: {
    target: { owner: string; repo: string };
    defaultBranch: string;
    headSha: string;
    spec: IntentSpec | undefined;
    specKey: string;
    config: RepoConfig;
  },
): Promise<SpecRemoval> {
  if (!input.spec) return { kind: 'already-gone' };
  const message = removalCommitMessage(input.specKey);
  const files = [{ path: input.spec.file, content: null }];
  if (input.config.expiry.removeSpecBy === 'commit') {
    try {
      await commitFiles(octokit, {
        ...input.target,
        branch: input.defaultBranch,
        message,
        files,
        expectedHeadSha: input.headSha,
      });
      return { kind: 'commit', branch: input.defaultBranch };
    } catch (error) {
      services.log.warn(
        { err: error, specKey: input.specKey },
        'direct commit refused; opening a pull request instead',
      );
    }
  }
  const branch = `${EXPIRY_BRANCH_PREFIX}${input.specKey.replace('/', '-').toLowerCase()}`;
  const created = await createBranch(octokit, { ...input.target, branch, fromSha: input.headSha });
  if (created.created) {
    await commitFiles(octokit, { ...input.target, branch, message, files, expectedHeadSha: input.headSha });
  }
  const pull = await openPull(octokit, {
    ...input.target,
    head: branch,
    base: input.defaultBranch,
    ...renderRemovalPull(input.specKey, input.spec.file),
  });
  return { kind: 'pull', number: pull.number };
}
