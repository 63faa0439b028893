// Wiring only: events → handlers, health routes. Do not add logic here; it lives in webhooks/ and workflow/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunction } from 'probot';
import { healthHandler } from './app/health-routes.js';
import { instrumentWebhook } from './metrics/instrument.js';
import type { Metrics } from './metrics/metrics.js';
import type { HealthDeps } from './app/health-routes.js';
import type { WebhookDeps } from './webhooks/enqueue-delivery.js';
import { onIssueCommentCreated } from './webhooks/on-issue-comment.js';
import { onPullRequestChanged, onPullRequestClosed } from './webhooks/on-pull-request.js';

export type InfraBotDeps = WebhookDeps &
  HealthDeps & {
    metrics: Pick<Metrics, 'observeWebhook'>;
    /** Slack interactivity (Approve / Reject clicks) on `/slack/events`, when Slack is configured. */
    slackHandler?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  };

export function infraBot(deps: InfraBotDeps): ApplicationFunction {
  return (app, { addHandler }) => {
    app.on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'],
      instrumentWebhook(deps.metrics, onPullRequestChanged(deps)),
    );
    app.on('pull_request.closed', instrumentWebhook(deps.metrics, onPullRequestClosed(deps)));
    app.on('issue_comment.created', instrumentWebhook(deps.metrics, onIssueCommentCreated(deps)));
    addHandler(healthHandler(deps));
    if (deps.slackHandler) addHandler(deps.slackHandler);
  };
}
