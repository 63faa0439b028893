import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { metricsHandler } from '../../../src/metrics/metrics-handler.js';
import { createMetrics } from '../../../src/metrics/metrics.js';

let server: Server;
let url: string;
let failing = false;
const metrics = createMetrics({ jobKinds: ['pr.evaluate'], defaultMetrics: false });
const broken = new Registry();
broken.registerMetric({
  name: 'x',
  get: async () => {
    throw new Error('collector failed');
  },
} as never);

beforeAll(async () => {
  server = createServer((request, response) => {
    void metricsHandler(failing ? broken : metrics.registry)(request, response).then((answered) => {
      if (!answered) response.writeHead(404).end('not mine');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('metricsHandler', () => {
  it('GET /metrics › 200 in the Prometheus text format', async () => {
    metrics.countFailure('okta', 'timeout');
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain(
      'infra_bot_external_call_failures_total{service="okta",reason="timeout"} 1',
    );
  });

  it('other paths and methods › not answered (the next handler decides)', async () => {
    expect((await fetch(`${url}/metrics/x`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('a collector fails › 500, not a partial page', async () => {
    failing = true;
    try {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('metrics unavailable\n');
    } finally {
      failing = false;
    }
  });
});
