import { renderUsage } from '../../commands/usage.js';
import { getIssue } from '../../github/issues.js';
import { getPull } from '../../github/pulls.js';
import { kindRegistry } from '../../kinds/index.js';
import { JOB_KINDS, fullName } from '../job-kinds.js';
import type { DriftPayload } from '../job-kinds.js';
import { evaluateJob, pullRequestFields } from '../evaluate-job.js';
import { DRIFT_LABEL } from '../drift/check-drift.js';
import { renderPullRequestStatus } from '../render-status.js';
import type { CommandHandler } from './command-context.js';

/** `/infra plan [stack…]`: queue a fresh evaluation of the PR's head (only the named stacks when given). */
export const planCommand: CommandHandler<{ name: 'plan'; stacks: string[] }> = async (context, command) => {
  const { services, octokit, payload, target } = context;
  if (!payload.isPullRequest) return recheckDrift(context, command);
  const pr = await getPull(octokit, { ...target, pull_number: payload.number });
  if (pr.state !== 'open') {
    await context.reply(`#${payload.number} is closed: nothing to plan.`);
    return 'refused: closed';
  }
  await services.store.enqueue(
    evaluateJob({
      installationId: payload.installationId,
      target,
      pull: pullRequestFields(pr),
      trigger: 'command',
      requestedBy: payload.sender.login,
      onlyStacks: command.stacks,
    }),
  );
  services.notifyWorker();
  return 'plan queued';
};

/** `/infra unlock`: discard this PR's plans and release its locks. */
export const unlockCommand: CommandHandler<{ name: 'unlock' }> = async (context) => {
  const { services, payload, target } = context;
  const repo = fullName(target);
  // Read before the release, which queues their plans and forgets them.
  const waiters = (await services.store.listLockWaiters({ repo })).filter((w) => w.waitingOn === payload.number);
  const released = await services.store.releaseLocks({ repo, pr: payload.number });
  const discarded = await services.store.discardPlans({ repo, pr: payload.number });
  const freed = new Set(released.map((lock) => lock.stack));
  const woken = [...new Set(waiters.filter((w) => freed.has(w.stack)).map((w) => w.pr))].map((pr) => `#${pr}`);
  await context.reply(
    released.length > 0
      ? `🔓 Released ${released.map((lock) => `\`${lock.stack}\``).join(', ')} and discarded ${discarded} plan${discarded === 1 ? '' : 's'}.${woken.length ? ` Planning ${woken.join(', ')}, which waited on ${woken.length === 1 ? 'it' : 'them'}.` : ''} Comment \`/infra plan\` to plan (and lock) again.`
      : `Nothing to unlock: #${payload.number} holds no locks${discarded ? ` (discarded ${discarded} plans)` : ''}.`,
  );
  return `released ${released.length} lock(s)`;
};

/** `/infra status` on a PR: locks, plans, approvals and scheduled expiries. */
export const pullRequestStatusCommand: CommandHandler<{ name: 'status' }> = async (context) => {
  const { services, payload, target } = context;
  const repo = fullName(target);
  const [locks, plans, deadlines, unapplied] = await Promise.all([
    services.store.listLocks({ repo, pr: payload.number }),
    services.store.latestPlans({ repo, pr: payload.number }),
    services.store.listDeadlines({ repo, status: 'scheduled' }),
    services.store.listUnappliedMerges({ repo }),
  ]);
  const headSha = plans[0]?.headSha;
  const decisions = headSha ? await services.store.listDecisions({ repo, pr: payload.number, headSha }) : [];
  const stacks = new Set([...locks.map((lock) => lock.stack), ...plans.map((plan) => plan.stack)]);
  await context.reply(
    renderPullRequestStatus({
      pr: payload.number,
      locks,
      plans,
      decisions,
      deadlines: deadlines.filter((deadline) => stacks.has(deadline.stack)),
      unapplied: unapplied.filter((entry) => entry.pr === payload.number || stacks.has(entry.stack)),
    }),
  );
  return 'status';
};

export const helpCommand: CommandHandler<{ name: 'help' }> = async (context) => {
  await context.reply(renderUsage(context.payload.isPullRequest ? 'pull_request' : 'issue'));
  return 'help';
};

/** `Drift in <stack>` (check-drift.ts `driftTitle`), for a stack name some kind can have. */
const DRIFT_TITLE = new RegExp(`^Drift in (${kindRegistry.stackNamePattern})$`);

/** `/infra plan` on a drift issue: check that stack again now (it closes the issue when clean). */
const recheckDrift: CommandHandler<{ name: 'plan'; stacks: string[] }> = async (context) => {
  const { services, octokit, payload, target } = context;
  const issue = await getIssue(octokit, { ...target, issue_number: payload.number });
  const stack = DRIFT_TITLE.exec(issue.title)?.[1];
  if (!issue.labels.includes(DRIFT_LABEL) || !stack) {
    await context.reply('`/infra plan` on an issue re-checks a drift issue; on a pull request it plans the PR.');
    return 'refused: not a drift issue';
  }
  const job: DriftPayload = {
    installationId: payload.installationId,
    owner: payload.owner,
    repo: payload.repo,
    force: true,
    onlyStack: stack,
  };
  await services.store.enqueue({
    kind: JOB_KINDS.checkDrift,
    payload: job,
    concurrencyKey: `drift:${fullName(target)}`,
    retryPolicy: 'never',
  });
  services.notifyWorker();
  await context.reply(`Checking \`${stack}\` for drift again…`);
  return 'drift re-check queued';
};
