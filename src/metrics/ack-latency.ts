// Ack latency measured where GitHub and Slack see it: from the HTTP server receiving a request to the last byte of
// its answer, through Node's built-in http diagnostics channels (no wrapping of Probot's server). This includes
// Probot's body parse and signature check, which the handler timing (infra_bot_webhook_handling_seconds) does not.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AckRoute, Metrics } from './metrics.js';

interface HttpEvent {
  request: IncomingMessage;
  response: ServerResponse;
}

const ROUTES: Record<string, AckRoute> = { '/api/github/webhooks': 'webhook', '/slack/events': 'slack' };

/** Which acknowledged route a request is for; undefined for everything else (/metrics, health checks…). */
export function ackRoute(request: Pick<IncomingMessage, 'method' | 'url'>, webhookPath?: string): AckRoute | undefined {
  if (request.method !== 'POST') return undefined;
  const path = request.url?.split('?')[0] ?? '';
  if (webhookPath && path === webhookPath) return 'webhook';
  return ROUTES[path];
}

/** Subscribes once per process; every answered webhook or Slack request is then observed. */
export function observeAckLatency(metrics: Pick<Metrics, 'observeAck'>, webhookPath?: string): void {
  const started = new WeakMap<ServerResponse, { route: AckRoute; at: number }>();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as HttpEvent;
    const route = ackRoute(request, webhookPath);
    if (route) started.set(response, { route, at: performance.now() });
  });
  subscribe('http.server.response.finish', (message) => {
    const { response } = message as HttpEvent;
    const start = started.get(response);
    if (!start) return;
    started.delete(response);
    metrics.observeAck(start.route, (performance.now() - start.at) / 1000);
  });
}
