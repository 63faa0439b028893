import { synthSettingsFrom } from '../../config/synth-settings.js';
import type { GitHubClient } from '../../github/octokit.js';
import { listChangedFiles } from '../../github/pr-files.js';
import { getCommitParents } from '../../github/repos.js';
import { synthesize } from '../../synth/synthesize.js';
import { affectedStacks } from '../affected-stacks.js';
import { touchesInfraFiles } from '../infra-files.js';
import { knownExpiries } from '../expiry/deadlines.js';
import { fullName } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import type { SpecsAt } from '../load-specs-at.js';
import { loadSpecsAt } from '../load-specs-at.js';
import type { Deps } from '../services.js';
import type { NotAppliedReason } from './render-apply-outcome.js';

export type UnplannedMergeDeps = Deps<'clock' | 'dataDir', 'listDeadlines' | 'latestPlans'>;

/**
 * The stacks a merge commit changed, compared with its first parent (what the default branch held before): used
 * when the merged head was never planned, to tell "nothing to apply" from "changes nobody planned". Undefined
 * when the merge's specs do not validate (the stacks cannot be told).
 */
export async function stacksChangedByMerge(
  services: Deps<'clock' | 'dataDir', 'listDeadlines'>,
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  merge: { sha: string; specs: SpecsAt },
): Promise<string[] | undefined> {
  if (!merge.specs.validation.ok) return undefined;
  const repo = fullName(target);
  const parent = (await getCommitParents(octokit, { ...target, sha: merge.sha }))[0];
  const settings = synthSettingsFrom(merge.specs.config, {
    repository: repo,
    localStateDir: `${services.dataDir}/state`,
  });
  const expiries = await knownExpiries(services, repo);
  const after = synthesize(merge.specs.validation.specs, { settings, expiries });
  const before = parent ? await loadSpecsAt(octokit, target, parent, services.clock.now()) : undefined;
  const beforeStacks =
    before?.validation.ok === true ? synthesize(before.validation.specs, { settings, expiries }) : undefined;
  // Without a parent (or a valid one) every stack counts as changed, as in a PR's plan.
  return affectedStacks(parent ? beforeStacks : [], after).map((change) => change.stack);
}

/**
 * A merge whose head has no plan at all: the stacks it changed and why they were not applied, or undefined when
 * the merge changed no stack (nothing to apply).
 */
export async function unplannedMerge(
  services: UnplannedMergeDeps,
  octokit: GitHubClient,
  payload: ApplyPullRequestPayload,
  source: SpecsAt,
): Promise<{ stacks: string[]; reason: NotAppliedReason } | undefined> {
  // A merge that touched neither the specs nor the config changed no stack: no tarball or synth to find that out.
  const files = await listChangedFiles(octokit, { owner: payload.owner, repo: payload.repo, pull_number: payload.pr });
  const specsDir = source.configProblems.length === 0 ? source.config.specsDir : undefined;
  if (!touchesInfraFiles(files, specsDir)) return undefined;
  const changed = await stacksChangedByMerge(services, octokit, payload, { sha: payload.sourceSha, specs: source });
  if (changed?.length === 0) return undefined;
  const earlier = (await services.store.latestPlans({ repo: fullName(payload), pr: payload.pr })).find(
    (plan) => plan.headSha !== payload.headSha,
  );
  const reason: NotAppliedReason = {
    kind: 'unplanned-merge',
    headSha: payload.headSha,
    sourceSha: payload.sourceSha,
    specsInvalid: changed === undefined,
    ...(earlier && { lastPlannedSha: earlier.headSha }),
  };
  return { stacks: changed ?? [], reason };
}
