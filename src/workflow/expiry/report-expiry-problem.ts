import type { DeadlinePayload } from '../job-kinds.js';
import { JOB_KINDS } from '../job-kinds.js';
import type { JobReporter } from '../job-problem.js';
import { describeProblem, reportedOnce } from '../job-problem.js';
import { emailOf, notifySlack } from '../notify.js';
import { reportOnProblemIssue } from '../problem-notices.js';
import { readRepoConfig } from '../read-config.js';

/**
 * A deadline's destroy (or its reminder) that failed for good this slot. The deadline stays scheduled, so the
 * sweeper queues it again next slot; this says so where people look: a tracking issue in the repository (opened
 * once, then at most one comment a day) and, on those same days, Slack to the approvals channel and the owner.
 */
export const reportExpiryProblem: JobReporter = async (problem) => {
  const { services, job } = problem;
  const payload = job.payload as DeadlinePayload;
  const deadline = await services.store.getDeadline(payload.repo, payload.specKey);
  // Done, extended away or cancelled since: nothing is left to announce.
  if (!deadline || deadline.status !== 'scheduled') return;
  const [owner = '', repo = ''] = payload.repo.split('/');
  const installationId = await services.installationId(owner, repo);
  const destroying = job.kind === JOB_KINDS.expireSpec;
  const what = destroying
    ? `destroy \`${payload.specKey}\` (stack \`${deadline.stack}\`), due at ${deadline.dueAt.toISOString()}`
    : `deliver the expiry reminder of \`${payload.specKey}\` (due at ${deadline.dueAt.toISOString()}) to Slack`;
  const next = destroying
    ? `The resources still exist and the destroy is tried again every hour until it succeeds. To keep them, extend it (\`/infra extend ${payload.specKey} <duration>\` on an issue); \`/infra status\` shows the deadline.`
    : 'The reminder stays due and is tried again every hour until the deadline.';
  const body = describeProblem(problem, what, next);
  const posted = await reportOnProblemIssue(
    services,
    { installationId, owner, repo },
    {
      key: `${destroying ? 'expiry' : 'reminder'}:${payload.specKey}`,
      title: destroying
        ? `infra-bot: the expiry of ${payload.specKey} is failing`
        : `infra-bot: expiry reminders for ${payload.specKey} are not delivered`,
      body,
      // A destroy that keeps failing is news every day; a reminder with nowhere to go (no Slack) is news once.
      daily: destroying || !reportedOnce(problem),
    },
  );
  // Slack gets the news on the days the issue does; a reminder failure is a Slack failure already.
  if (posted === undefined || !destroying) return;
  const octokit = await services.github(installationId);
  const config = await readRepoConfig(octokit, { owner, repo });
  const channel = config.ok ? config.config.approvals.slackChannel : undefined;
  const ownerEmail = emailOf(deadline.owner);
  await notifySlack(services, {
    ...(channel && { channel }),
    ...(ownerEmail && { ownerEmail }),
    text: `⚠️ ${payload.specKey} in ${payload.repo} was due to expire at ${deadline.dueAt.toISOString()}, but infra-bot could not destroy it (\`${problem.error.code}\`): see ${payload.repo}#${posted}. It is tried again every hour.`,
  });
};
