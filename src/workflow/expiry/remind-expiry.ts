import { PermanentJobError } from '../../jobs/errors.js';
import type { Job } from '../../store/store.js';
import type { DeadlinePayload } from '../job-kinds.js';
import { emailOf, notifySlack } from '../notify.js';
import { readRepoConfig } from '../read-config.js';
import type { Deps } from '../services.js';
import { renderExpiryNotice } from './render-expiry-notices.js';
import type { NotifyDeps } from '../notify.js';

export type RemindDeps = Deps<'github' | 'installationId' | 'clock', 'getDeadline' | 'markReminderSent'> & NotifyDeps;

/**
 * A reminder before a deadline: to the approvals channel and the owner (by email), with how to extend. It is marked
 * sent only once delivered to at least one of them; otherwise the job fails (retried with backoff, and queued again
 * by the next sweep slot) and its failure is reported, so a silent Slack never costs the owner the warning.
 */
export async function remindExpiry(services: RemindDeps, job: Job<DeadlinePayload>): Promise<string> {
  const { repo, specKey, reminderId, remindAt } = job.payload;
  const deadline = await services.store.getDeadline(repo, specKey);
  if (!deadline || deadline.status !== 'scheduled' || !reminderId) return 'nothing to remind';
  const due = remindAt === undefined ? undefined : Date.parse(remindAt);
  if (deadline.reminders.some((reminder) => reminder.at.getTime() === due && reminder.sentAt))
    return 'already reminded';
  const [owner = '', name = ''] = repo.split('/');
  const octokit = await services.github(await services.installationId(owner, name));
  const config = await readRepoConfig(octokit, { owner, repo: name });
  const left = Math.max(0, deadline.dueAt.getTime() - services.clock.now().getTime());
  const channel = config.ok ? config.config.approvals.slackChannel : undefined;
  const ownerEmail = emailOf(deadline.owner);
  const delivery = await notifySlack(services, {
    ...(channel && { channel }),
    ...(ownerEmail && { ownerEmail }),
    text: renderExpiryNotice({
      kind: 'reminder',
      specKey,
      repo,
      dueAt: deadline.dueAt,
      minutesLeft: Math.round(left / 60_000),
    }),
  });
  if (delivery.delivered.length === 0) {
    if (delivery.skipped) {
      throw new PermanentJobError(`the expiry reminder of ${specKey} has nowhere to go`, {
        category: 'config',
        fix:
          delivery.skipped === 'no-slack'
            ? 'configure Slack for infra-bot (SLACK_BOT_TOKEN) so owners get expiry reminders'
            : 'set `approvals.slackChannel` in .github/infra.yml or an owner email (with a Slack account) in the spec',
      });
    }
    const first = delivery.failed[0]!;
    throw new Error(
      `the expiry reminder of ${specKey} was not delivered (${delivery.failed.map((f) => f.to).join(', ')})`,
      {
        cause: first.error,
      },
    );
  }
  await services.store.markReminderSent(reminderId, services.clock.now());
  return `reminded ${specKey} (${delivery.delivered.join(', ')})`;
}
