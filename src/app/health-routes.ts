import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../store/store.js';

export interface HealthDeps {
  store: Pick<Store, 'ping'>;
  workerRunning(): boolean;
}

/**
 * A Probot 14 request handler: `/healthz` (the process answers) and `/readyz` (the store is reachable and the queue
 * is running). Returns true when it answered the request.
 */
export const healthHandler =
  (deps: HealthDeps) =>
  async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'GET') return false;
    const path = request.url?.split('?')[0];
    if (path === '/healthz') {
      send(response, 200, { status: 'ok' });
      return true;
    }
    if (path !== '/readyz') return false;
    const queue = deps.workerRunning();
    try {
      await deps.store.ping();
      send(response, queue ? 200 : 503, { status: queue ? 'ready' : 'queue stopped', store: 'ok', queue });
    } catch {
      send(response, 503, { status: 'store unreachable', store: 'unreachable', queue });
    }
    return true;
  };

/**
 * Set-up mode (no app credentials yet): `/healthz` 200 so the process is not restarted while someone registers the
 * app; `/readyz` 503, as no webhook can be handled yet.
 */
export const setupHealthHandler =
  () =>
  (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== 'GET') return false;
    const path = request.url?.split('?')[0];
    if (path === '/healthz') send(response, 200, { status: 'ok', mode: 'setup' });
    else if (path === '/readyz') send(response, 503, { status: 'set-up mode: no GitHub App credentials yet' });
    else return false;
    return true;
  };

function send(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
