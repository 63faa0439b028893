import type { Job } from '../../store/store.js';
import type { DeadlinePayload } from '../job-kinds.js';
import { emailOf, notifySlack } from '../notify.js';
import { readRepoConfig } from '../read-config.js';
import type { Services } from '../services.js';

/** A reminder before a deadline: to the approvals channel and the owner (by email), with how to extend. */
export async function remindExpiry(services: Services, job: Job<DeadlinePayload>): Promise<string> {
  const { repo, specKey, reminderId } = job.payload;
  const deadline = await services.store.getDeadline(repo, specKey);
  if (!deadline || deadline.status !== 'scheduled' || !reminderId) return 'nothing to remind';
  const [owner = '', name = ''] = repo.split('/');
  const octokit = await services.github(await services.installationId(owner, name));
  const config = await readRepoConfig(octokit, { owner, repo: name });
  const left = Math.max(0, deadline.dueAt.getTime() - services.clock.now().getTime());
  const channel = config.ok ? config.config.approvals.slackChannel : undefined;
  const ownerEmail = emailOf(deadline.owner);
  await notifySlack(services, {
    ...(channel && { channel }),
    ...(ownerEmail && { ownerEmail }),
    text:
      `⏳ ${specKey} in ${repo} expires at ${deadline.dueAt.toISOString()} (in ${Math.round(left / 60_000)} min) and will be destroyed. ` +
      `To keep it longer, open an issue with \`/infra extend ${specKey} <duration>\`.`,
  });
  await services.store.markReminderSent(reminderId, services.clock.now());
  return `reminded ${specKey}`;
}
