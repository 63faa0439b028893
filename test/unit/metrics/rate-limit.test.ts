import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { observeRateLimit, rateLimitPlugin } from '../../../src/metrics/rate-limit.js';

// A GitHub stand-in: /ok answers with rate-limit headers, /missing 404, /broken 502, /graphql the graphql resource.
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const headers = {
      'content-type': 'application/json',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-resource': 'core',
    };
    if (request.url?.startsWith('/repos/acme/ok')) return response.writeHead(200, headers).end('{}');
    if (request.url?.startsWith('/repos/acme/missing')) {
      return response.writeHead(404, { ...headers, 'x-ratelimit-remaining': '4998' }).end('{"message":"Not Found"}');
    }
    if (request.url?.startsWith('/repos/acme/broken')) {
      return response.writeHead(502, { ...headers, 'x-ratelimit-remaining': '4997' }).end('{"message":"Bad gateway"}');
    }
    if (request.url?.startsWith('/repos/acme/limited')) {
      return response
        .writeHead(403, { ...headers, 'x-ratelimit-remaining': '0' })
        .end('{"message":"API rate limit exceeded"}');
    }
    response.writeHead(200, { ...headers, 'x-ratelimit-remaining': '12', 'x-ratelimit-resource': 'graphql' });
    response.end('{"data":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = (Octokit: typeof ProbotOctokit = ProbotOctokit) =>
  new Octokit({ auth: { token: 'test' }, baseUrl, throttle: { enabled: false }, retry: { enabled: false } });

describe('observeRateLimit', () => {
  it('every answer › the gauge follows x-ratelimit-remaining per resource', async () => {
    const metrics = createMetrics({ jobKinds: [], defaultMetrics: false });
    const octokit = client();
    observeRateLimit(octokit, metrics);
    await octokit.request('GET /repos/acme/ok');
    await octokit.request('GET /repos/acme/missing').catch(() => undefined);
    await octokit.graphql('{ viewer { login } }').catch(() => undefined);
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_github_rate_limit_remaining{resource="core"} 4998');
    expect(text).toContain('infra_bot_github_rate_limit_remaining{resource="graphql"} 12');
  });

  it('failures › 5xx and rate limits counted by reason; a 404 (an expected answer) is not a failure', async () => {
    const metrics = createMetrics({ jobKinds: [], defaultMetrics: false });
    const octokit = client();
    observeRateLimit(octokit, metrics);
    await expect(octokit.request('GET /repos/acme/missing')).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request('GET /repos/acme/broken')).rejects.toMatchObject({ status: 502 });
    await expect(octokit.request('GET /repos/acme/limited')).rejects.toMatchObject({ status: 403 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_external_call_failures_total{service="github",reason="server_error"} 1');
    expect(text).toContain('infra_bot_external_call_failures_total{service="github",reason="rate_limited"} 1');
    expect(text).not.toContain('reason="client_error"');
    expect(text).toContain('infra_bot_github_rate_limit_remaining{resource="core"} 0');
  });

  it('as a plugin of the Octokit class › every instance the class makes is observed', async () => {
    const metrics = createMetrics({ jobKinds: [], defaultMetrics: false });
    const Octokit = ProbotOctokit.plugin(rateLimitPlugin(metrics));
    await client(Octokit).request('GET /repos/acme/ok');
    expect(await metrics.registry.metrics()).toContain('infra_bot_github_rate_limit_remaining{resource="core"} 4999');
  });
});
