import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnv } from '../../../src/config/env.js';
import { ackRoute, observeAckLatency } from '../../../src/metrics/ack-latency.js';
import { metricsHandler } from '../../../src/metrics/metrics-handler.js';
import { createMetrics } from '../../../src/metrics/metrics.js';

const line = (text: string, series: string) => text.split('\n').find((row) => row.startsWith(`${series} `));

async function scrape(handler: ReturnType<typeof metricsHandler>): Promise<string> {
  const server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('edge metrics', () => {
  it('/metrics merges the worker threads: counts summed, the rate limit is the lowest, queue depth from the store', async () => {
    const edge = createMetrics({
      jobKinds: ['pr.evaluate'],
      defaultMetrics: false,
      countJobs: async () => [
        { status: 'queued', kind: 'pr.evaluate', count: 3 },
        { status: 'queued', kind: 'other.kind', count: 2 },
        { status: 'running', kind: 'pr.evaluate', count: 1 },
      ],
      workerThreads: () => 2,
    });
    const threads = [0, 1].map(() => createMetrics({ jobKinds: ['pr.evaluate'], defaultMetrics: false }));
    threads[0]!.observeJob('pr.evaluate', 'ok', 2);
    threads[1]!.observeJob('pr.evaluate', 'ok', 3);
    threads[0]!.setRateLimitRemaining('core', 4000);
    threads[1]!.setRateLimitRemaining('core', 1200);
    const text = await scrape(
      metricsHandler(edge.registry, () => Promise.all(threads.map((t) => t.registry.getMetricsAsJSON()))),
    );
    expect(line(text, 'infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="ok"}')).toMatch(/ 2$/);
    expect(line(text, 'infra_bot_job_duration_seconds_sum{kind="pr.evaluate",outcome="ok"}')).toMatch(/ 5$/);
    expect(line(text, 'infra_bot_github_rate_limit_remaining{resource="core"}')).toMatch(/ 1200$/);
    expect(line(text, 'infra_bot_job_queue_depth')).toMatch(/ 5$/);
    expect(line(text, 'infra_bot_jobs{state="running",kind="pr.evaluate"}')).toMatch(/ 1$/);
    expect(line(text, 'infra_bot_worker_threads')).toMatch(/ 2$/);
  });

  it('ack routes: POSTs to the webhook path and /slack/events only', () => {
    expect(ackRoute({ method: 'POST', url: '/api/github/webhooks' })).toBe('webhook');
    expect(ackRoute({ method: 'POST', url: '/slack/events?retry=1' })).toBe('slack');
    expect(ackRoute({ method: 'POST', url: '/hooks' }, '/hooks')).toBe('webhook');
    expect(ackRoute({ method: 'GET', url: '/api/github/webhooks' })).toBeUndefined();
    expect(ackRoute({ method: 'POST', url: '/metrics' })).toBeUndefined();
  });

  it('ack latency is observed from the HTTP server, per route', async () => {
    const metrics = createMetrics({ jobKinds: [], defaultMetrics: false });
    observeAckLatency(metrics);
    const server = createServer((_, response) => response.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (const path of ['/slack/events', '/slack/events', '/api/github/webhooks', '/healthz']) {
      await (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{}' })).text();
    }
    await new Promise((resolve) => server.close(resolve));
    const text = await metrics.registry.metrics();
    expect(line(text, 'infra_bot_ack_seconds_count{route="slack"}')).toMatch(/ 2$/);
    expect(line(text, 'infra_bot_ack_seconds_count{route="webhook"}')).toMatch(/ 1$/);
  });

  it('INFRA_BOT_WORKERS: 0–64 threads', () => {
    expect(parseEnv({ INFRA_BOT_WORKERS: '0' }).INFRA_BOT_WORKERS).toBe('0');
    expect(parseEnv({ INFRA_BOT_WORKERS: '64' }).INFRA_BOT_WORKERS).toBe('64');
    expect(() => parseEnv({ INFRA_BOT_WORKERS: '65' })).toThrow('INFRA_BOT_WORKERS must be 0–64');
    expect(() => parseEnv({ INFRA_BOT_WORKERS: 'two' })).toThrow('INFRA_BOT_WORKERS must be 0–64');
  });
});
