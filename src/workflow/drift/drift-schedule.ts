import { listInstallationIds, listInstallationRepositories } from '../../github/installations.js';
import type { GitHubClient } from '../../github/octokit.js';
import { JOB_KINDS } from '../job-kinds.js';
import type { DriftPayload } from '../job-kinds.js';
import type { Services } from '../services.js';

const HOUR = 3_600_000;
export const PERIOD_MS = { hourly: HOUR, daily: 24 * HOUR, weekly: 7 * 24 * HOUR } as const;

/**
 * The drift tick (every replica runs it): each repository of each installation gets a `drift.check` job once per
 * hour (recorded like a delivery, so replicas ticking at once queue it once). The job reads the repo config and
 * runs only when its own schedule's period has not run yet.
 */
export async function driftTick(services: Services, appClient: () => Promise<GitHubClient>): Promise<number> {
  const now = services.clock.now();
  const bucket = Math.floor(now.getTime() / HOUR);
  const app = await appClient();
  let queued = 0;
  for (const installationId of await listInstallationIds(app)) {
    const octokit = await services.github(installationId);
    const repositories = await listInstallationRepositories(octokit);
    for (const repository of repositories) {
      const payload: DriftPayload = {
        installationId,
        owner: repository.owner,
        repo: repository.name,
      };
      const { duplicate } = await services.store.recordDeliveryAndEnqueue(
        {
          id: `drift-tick:${repository.fullName}:${bucket}`,
          event: 'drift',
          repo: repository.fullName,
          receivedAt: now,
        },
        { kind: JOB_KINDS.checkDrift, payload, concurrencyKey: `drift:${repository.fullName}`, retryPolicy: 'never' },
      );
      if (!duplicate) queued++;
    }
  }
  if (queued) services.notifyWorker();
  return queued;
}
