// Calls made as the App itself (a JWT client: `app.auth()`) or about an installation's reach.
import { callGitHub } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface InstallationRepository {
  owner: string;
  name: string;
  /** `owner/name` */
  fullName: string;
}

export interface WebhookDelivery {
  id: number;
  guid: string;
  /** `OK`, or what went wrong (`Invalid HTTP Response: 503`, `timed out`…). */
  status: string;
  statusCode: number;
  deliveredAt: Date;
}

/** Every installation of the App (every page); `app` is the App's JWT client. */
export async function listInstallationIds(app: GitHubClient): Promise<number[]> {
  const installations = await callGitHub('list installations', () =>
    app.paginate(app.rest.apps.listInstallations, { per_page: 100 }),
  );
  return installations.map((installation) => installation.id);
}

/** The repositories an installation client may see (every page). */
export async function listInstallationRepositories(octokit: GitHubClient): Promise<InstallationRepository[]> {
  const repositories = await callGitHub('list the repositories of an installation', () =>
    octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 }),
  );
  return repositories.map((repository) => ({
    owner: repository.owner.login,
    name: repository.name,
    fullName: repository.full_name,
  }));
}

/** The App's recent webhook deliveries (every page), as GitHub logged them. */
export async function listWebhookDeliveries(app: GitHubClient): Promise<WebhookDelivery[]> {
  const deliveries = await callGitHub('list webhook deliveries', () =>
    app.paginate(app.rest.apps.listWebhookDeliveries, { per_page: 100 }),
  );
  return deliveries.map((delivery) => ({
    id: delivery.id,
    guid: delivery.guid,
    status: delivery.status,
    statusCode: delivery.status_code,
    deliveredAt: new Date(delivery.delivered_at),
  }));
}

/** Asks GitHub to send a delivery again. */
export async function redeliverWebhookDelivery(app: GitHubClient, deliveryId: number): Promise<void> {
  await callGitHub(`redeliver webhook delivery ${deliveryId}`, () =>
    app.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId }),
  );
}
