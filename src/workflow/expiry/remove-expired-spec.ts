import type { RepoConfig } from '../../config/repo-config-schema.js';
import { commitFiles, createBranch, openPull } from '../../github/pulls.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { IntentSpec } from '../../specs/model.js';
import type { Deps } from '../services.js';

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
): Promise<string> {
  if (!input.spec) return 'was already gone from the default branch';
  const message = `Remove expired ${input.specKey}\n\nIts deadline passed and infra-bot destroyed what it described.`;
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
      return `was removed from ${input.defaultBranch} in a commit`;
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
    title: `Remove expired ${input.specKey}`,
    body: `${input.specKey} reached its expiry and infra-bot destroyed its resources. This PR removes \`${input.spec.file}\` so nothing re-creates them; infra-bot merges it once its checks pass.`,
  });
  return `is removed by #${pull.number}`;
}
