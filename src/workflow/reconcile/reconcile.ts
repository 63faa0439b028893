import {
  listInstallationIds,
  listInstallationRepositories,
  listWebhookDeliveries,
  redeliverWebhookDelivery,
} from '../../github/installations.js';
import type { GitHubClient } from '../../github/octokit.js';
import { listOpenPulls } from '../../github/pulls.js';
import { evaluateJob, pullRequestFields } from '../evaluate-job.js';
import type { Services } from '../services.js';

/** GitHub keeps webhook deliveries for a few days; older failures cannot be redelivered anyway. */
const REDELIVER_WITHIN_MS = 24 * 3_600_000;

export interface ReconcileResult {
  replanned: number;
  approvalsRequested: number;
  redelivered: number;
}

/**
 * GitHub does not retry failed webhooks, so every replica periodically catches up (each action recorded like a
 * delivery, so replicas sweeping at once act once):
 *  1. webhook deliveries that failed (the App's deliveries API) and that we never recorded → redelivered;
 *  2. open PRs whose head SHA has no plan (a missed `opened`/`synchronize`) → evaluated;
 *  3. planned heads with changes whose approval request was never posted in Slack → evaluated again (it asks).
 * Overdue deadlines are the deadline sweeper's.
 */
export async function reconcile(services: Services, appClient: () => Promise<GitHubClient>): Promise<ReconcileResult> {
  const now = services.clock.now();
  const app = await appClient();
  const result: ReconcileResult = { replanned: 0, approvalsRequested: 0, redelivered: 0 };

  const deliveries = await listWebhookDeliveries(app);
  for (const delivery of deliveries) {
    if (delivery.statusCode < 400 && delivery.status === 'OK') continue;
    if (now.getTime() - delivery.deliveredAt.getTime() > REDELIVER_WITHIN_MS) continue;
    // Recorded means we have it (a later redelivery succeeded, or the error came after recording it).
    if (await services.store.hasDelivery(delivery.guid)) continue;
    const first = await services.store.recordDelivery({
      id: `redeliver:${delivery.guid}`,
      event: 'redeliver',
      receivedAt: now,
    });
    if (!first) continue;
    await redeliverWebhookDelivery(app, delivery.id);
    result.redelivered++;
  }

  for (const installationId of await listInstallationIds(app)) {
    const octokit = await services.github(installationId);
    const repositories = await listInstallationRepositories(octokit);
    for (const repository of repositories) {
      const target = { owner: repository.owner, repo: repository.name };
      const pulls = await listOpenPulls(octokit, target);
      for (const pull of pulls) {
        const plans = await services.store.latestPlans({
          repo: repository.fullName,
          pr: pull.number,
          headSha: pull.head.sha,
        });
        let reason: 'no-plan' | 'no-approval-request' | undefined;
        if (plans.length === 0) reason = 'no-plan';
        else if (services.slack && plans.some((plan) => plan.status === 'planned')) {
          const message = await services.store.getApprovalMessage({
            repo: repository.fullName,
            pr: pull.number,
            headSha: pull.head.sha,
          });
          if (!message) reason = 'no-approval-request';
        }
        if (!reason) continue;
        // Once per head SHA and reason: a PR that touches no infra file is looked at once, not every sweep.
        const { duplicate } = await services.store.recordDeliveryAndEnqueue(
          {
            id: `reconcile:${repository.fullName}#${pull.number}:${pull.head.sha}:${reason}`,
            event: 'reconcile',
            repo: repository.fullName,
            receivedAt: now,
          },
          evaluateJob({ installationId, target, pull: pullRequestFields(pull), trigger: 'synchronize' }),
        );
        if (duplicate) continue;
        if (reason === 'no-plan') result.replanned++;
        else result.approvalsRequested++;
      }
    }
  }
  if (result.replanned + result.approvalsRequested > 0) services.notifyWorker();
  return result;
}
