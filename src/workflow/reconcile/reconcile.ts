import type { GitHubClient } from '../../github/octokit.js';
import { evaluateJob } from '../evaluate-job.js';
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

  const deliveries = await app.paginate(app.rest.apps.listWebhookDeliveries, { per_page: 100 });
  for (const delivery of deliveries) {
    if (delivery.status_code < 400 && delivery.status === 'OK') continue;
    if (now.getTime() - new Date(delivery.delivered_at).getTime() > REDELIVER_WITHIN_MS) continue;
    // Recorded means we have it (a later redelivery succeeded, or the error came after recording it).
    if (await services.store.hasDelivery(delivery.guid)) continue;
    const first = await services.store.recordDelivery({
      id: `redeliver:${delivery.guid}`,
      event: 'redeliver',
      receivedAt: now,
    });
    if (!first) continue;
    await app.rest.apps.redeliverWebhookDelivery({ delivery_id: delivery.id });
    result.redelivered++;
  }

  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await services.github(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) {
      const target = { owner: repository.owner.login, repo: repository.name };
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...target, state: 'open', per_page: 100 });
      for (const pull of pulls) {
        const plans = await services.store.latestPlans({
          repo: repository.full_name,
          pr: pull.number,
          headSha: pull.head.sha,
        });
        let reason: 'no-plan' | 'no-approval-request' | undefined;
        if (plans.length === 0) reason = 'no-plan';
        else if (services.slack && plans.some((plan) => plan.status === 'planned')) {
          const message = await services.store.getApprovalMessage({
            repo: repository.full_name,
            pr: pull.number,
            headSha: pull.head.sha,
          });
          if (!message) reason = 'no-approval-request';
        }
        if (!reason) continue;
        // Once per head SHA and reason: a PR that touches no infra file is looked at once, not every sweep.
        const { duplicate } = await services.store.recordDeliveryAndEnqueue(
          {
            id: `reconcile:${repository.full_name}#${pull.number}:${pull.head.sha}:${reason}`,
            event: 'reconcile',
            repo: repository.full_name,
            receivedAt: now,
          },
          evaluateJob({ installationId: installation.id, target, pull, trigger: 'synchronize' }),
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
