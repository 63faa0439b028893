import type { IncomingMessage, ServerResponse } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * A Probot 14 request handler (`addHandler`) for `GET /metrics` in Prometheus' text format. Returns true when it
 * answered the request. A failing collector answers 500 rather than a partial page that would read as zeros.
 * `others` gives the worker threads' metrics (prom-client JSON): they are summed into this process's figures
 * (the rate limit gauge takes the minimum), so one scrape covers the whole process.
 */
export const metricsHandler =
  (registry: Registry, others?: () => Promise<unknown[][]>) =>
  async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (request.url?.split('?')[0] !== '/metrics') return false;
    try {
      const threads = others ? await others() : [];
      const body = threads.length
        ? await AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...threads]).metrics()
        : await registry.metrics();
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
    }
    return true;
  };
