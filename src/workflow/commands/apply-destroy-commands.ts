import type { Command } from '../../commands/commands.js';
import { commitFiles, getPull } from '../../github/pulls.js';
import { JOB_KINDS, fullName, pullRequestKey } from '../job-kinds.js';
import type { ApplyPullRequestPayload } from '../job-kinds.js';
import { loadSpecsAt } from '../load-specs-at.js';
import { renderConfigProblems } from '../repo-config-error.js';
import type { CommandHandler } from './command-context.js';

/** `/infra apply [stack…]` before merge: only where `terraform.applyBeforeMerge` allows it; approvals still rule. */
export const applyCommand: CommandHandler<{ name: 'apply'; stacks: string[] }> = async (context, command) => {
  const { services, octokit, payload, target } = context;
  const pr = await getPull(octokit, { ...target, pull_number: payload.number });
  if (pr.state !== 'open') {
    await context.reply(`#${payload.number} is closed: merged PRs are applied automatically after merge.`);
    return 'refused: closed';
  }
  const { config, configProblems } = await loadSpecsAt(octokit, target, pr.base.sha, services.clock.now());
  if (configProblems.length > 0) {
    await context.reply(renderConfigProblems(pr.base.sha, configProblems));
    return 'refused: invalid repo config';
  }
  if (!config.terraform.applyBeforeMerge) {
    await context.reply(
      '⛔ Apply before merge is not allowed in this repository (`terraform.applyBeforeMerge` is false in .github/infra.yml). Approved plans are applied after merge.',
    );
    return 'refused: apply before merge disabled';
  }
  const job: ApplyPullRequestPayload = {
    installationId: payload.installationId,
    owner: payload.owner,
    repo: payload.repo,
    pr: payload.number,
    nodeId: pr.nodeId,
    headSha: pr.head.sha,
    sourceSha: pr.head.sha,
    mode: 'command',
    requestedBy: payload.sender.login,
    ...(command.stacks.length > 0 && { onlyStacks: command.stacks }),
  };
  await services.store.enqueue({
    kind: JOB_KINDS.applyPullRequest,
    payload: job,
    concurrencyKey: pullRequestKey(target, payload.number),
    retryPolicy: 'never',
  });
  services.notifyWorker();
  await context.reply(
    `Applying the approved plans of ${pr.head.sha.slice(0, 7)}${command.stacks.length ? ` (${command.stacks.join(', ')})` : ''}…`,
  );
  return 'apply queued';
};

/**
 * `/infra destroy <kind>/<name>`: removes the spec from this PR's branch in a commit; the plan that follows shows
 * the destroy and needs approval like any change, and merging it applies the destroy (nothing re-creates it).
 */
export const destroyCommand: CommandHandler<Extract<Command, { name: 'destroy' }>> = async (context, command) => {
  const { services, octokit, payload, target } = context;
  const pr = await getPull(octokit, { ...target, pull_number: payload.number });
  const key = `${command.target.kind}/${command.target.name}`;
  if (pr.state !== 'open') {
    await context.reply(`#${payload.number} is closed.`);
    return 'refused: closed';
  }
  if (pr.head.repoFullName !== fullName(target)) {
    await context.reply(
      '⛔ This PR comes from a fork: infra-bot cannot commit to its branch. Delete the spec file in the PR instead.',
    );
    return 'refused: fork';
  }
  const { validation } = await loadSpecsAt(octokit, target, pr.head.sha, services.clock.now());
  const spec = validation.specs.find((candidate) => `${candidate.kind}/${candidate.metadata.name}` === key);
  if (!spec) {
    await context.reply(
      `No spec \`${key}\` at ${pr.head.sha.slice(0, 7)}${validation.ok ? '' : ' (the specs do not validate)'}; nothing to destroy.`,
    );
    return 'refused: unknown spec';
  }
  const commit = await commitFiles(octokit, {
    ...target,
    branch: pr.head.ref,
    message: `Destroy ${key}\n\nRequested by @${payload.sender.login} with /infra destroy.`,
    files: [{ path: spec.file, content: null }],
    expectedHeadSha: pr.head.sha,
  });
  await context.reply(
    `🗑️ Removed \`${spec.file}\` in ${commit.sha.slice(0, 7)}. The plan for that commit shows the destroy of ${key}; it needs approval like any change and is applied on merge.`,
  );
  return `destroy of ${key} committed`;
};
