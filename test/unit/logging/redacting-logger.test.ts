import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Probot, ProbotOctokit, Server } from 'probot';
import { createRedactingLogger } from '../../../src/logging/redacting-logger.js';
import { REDACTED } from '../../../src/logging/redact.js';
import { freePort } from '../../e2e/support/app-process.js';
import { CANARIES, EXTRA_SECRET, leakedCanaries } from './canaries.js';

function collector() {
  const lines: string[] = [];
  return {
    lines,
    destination: { write: (line: string) => lines.push(line) },
    text: () => lines.join(''),
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const logger = async (out: ReturnType<typeof collector>, level: 'trace' | 'info' = 'trace') =>
  createRedactingLogger({ level, format: 'json', secrets: [EXTRA_SECRET], destination: out.destination });

const servers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('createRedactingLogger › every way of logging a secret', () => {
  it('messages, interpolation arguments, merged objects and child bindings › no canary in any line', async () => {
    const out = collector();
    const log = await logger(out);
    log.info(`token is ${CANARIES.githubInstallation}`);
    log.info('formatted %s and %o', CANARIES.slackBot, { okta: `SSWS ${CANARIES.oktaToken}` });
    log.warn({ env: { AWS_SECRET_ACCESS_KEY: CANARIES.awsSecretKey, note: EXTRA_SECRET } }, 'env dump');
    log.child({ deliveryId: 'd-1', leaked: CANARIES.githubPersonal }).error({ pr: 7 }, 'child line');
    log.debug({ key: CANARIES.privateKey, session: CANARIES.awsSessionToken, jwt: CANARIES.jwt }, 'material');
    log.info({ url: `postgres://app:${CANARIES.databasePassword}@db/x` }, `Bearer ${CANARIES.bearer}`);

    expect(out.lines).toHaveLength(6);
    expect(leakedCanaries(out.text())).toEqual([]);
    const [first, , third, fourth] = out.parsed();
    expect(first).toMatchObject({ level: 30, name: 'probot', msg: `token is ghs_${REDACTED}` });
    expect(third).toMatchObject({ env: { AWS_SECRET_ACCESS_KEY: REDACTED, note: REDACTED }, msg: 'env dump' });
    // Useful context survives: the delivery id, the PR, the message.
    expect(fourth).toMatchObject({ deliveryId: 'd-1', pr: 7, msg: 'child line' });
  });

  it('errors with stacks, causes and request headers › logged (message, stack) without the secrets', async () => {
    const out = collector();
    const log = await logger(out);
    const error = Object.assign(new Error(`request failed for ${CANARIES.githubInstallation}`), {
      status: 401,
      request: {
        method: 'GET',
        url: 'https://api.github.com/repos/acme/infra',
        headers: { authorization: `token ${CANARIES.githubInstallation}`, 'user-agent': 'infra-bot' },
      },
      cause: new Error(`okta said SSWS ${CANARIES.oktaToken}`),
    });
    log.error(error);
    log.error({ err: error }, 'with a message');
    log.error(error, 'with %s', CANARIES.slackUser);

    expect(leakedCanaries(out.text())).toEqual([]);
    const [bare, withMessage, formatted] = out.parsed();
    expect(bare).toMatchObject({ msg: `request failed for ghs_${REDACTED}`, err: { type: 'Error', status: 401 } });
    expect((bare?.err as { stack: string }).stack).toContain('redacting-logger.test');
    expect((bare?.err as { request: unknown }).request).toMatchObject({
      headers: { authorization: REDACTED, 'user-agent': 'infra-bot' },
    });
    expect(withMessage).toMatchObject({ msg: 'with a message', err: { status: 401 } });
    expect(formatted).toMatchObject({ msg: `with xoxp-${REDACTED}` });
  });

  it('a real Octokit request error (401 for an installation token) › no token in the line', async () => {
    const api: HttpServer = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com' }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => api.close(resolve)) });
    const octokit = new ProbotOctokit({
      auth: { token: CANARIES.githubInstallation },
      baseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    const error = await octokit.rest.repos.get({ owner: 'acme', repo: 'infra' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });

    const out = collector();
    const log = await logger(out);
    log.error({ err: error }, 'GitHub call failed');
    log.error(error as Error);
    expect(leakedCanaries(out.text())).toEqual([]);
    expect(out.parsed()[0]).toMatchObject({ err: { status: 401, request: { method: 'GET' } } });
  });

  it('req / res serializers › method, url and harmless headers only', async () => {
    const out = collector();
    const log = await logger(out);
    const req = {
      method: 'POST',
      url: `/api/github/webhooks?token=${CANARIES.githubPersonal}`,
      headers: {
        'x-github-delivery': 'abc-123',
        'x-github-event': 'pull_request',
        authorization: `Bearer ${CANARIES.bearer}`,
        'x-hub-signature-256': 'sha256=deadbeef',
        cookie: `s=${EXTRA_SECRET}`,
      },
    };
    const res = { statusCode: 200, getHeaders: () => ({ 'content-type': 'text/plain', 'set-cookie': 'a=b' }) };
    log.info({ req, res }, 'request completed');
    expect(leakedCanaries(out.text())).toEqual([]);
    expect(out.parsed()[0]).toMatchObject({
      req: {
        method: 'POST',
        url: `/api/github/webhooks?token=ghp_${REDACTED}`,
        headers: {
          'x-github-delivery': 'abc-123',
          'x-github-event': 'pull_request',
          '…': '3 other headers not logged',
        },
      },
      res: { statusCode: 200, headers: { 'content-type': 'text/plain' } },
    });
  });

  it('arguments that cannot even be walked (a hostile proxy) › the line is replaced, never written raw', async () => {
    const out = collector();
    const log = await logger(out);
    const hostile = new Proxy(
      { token: CANARIES.githubPersonal },
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    log.warn(hostile, `message with ${CANARIES.slackBot}`);
    expect(out.parsed()).toEqual([
      expect.objectContaining({ msg: 'a log line was dropped: its arguments could not be redacted' }),
    ]);
    expect(leakedCanaries(out.text())).toEqual([]);
  });

  it('the level › lines below it are not written', async () => {
    const out = collector();
    const log = await logger(out, 'info');
    log.debug(`hidden ${CANARIES.slackBot}`);
    log.info('shown');
    expect(out.parsed().map((line) => line.msg)).toEqual(['shown']);
  });
});

describe('createRedactingLogger › installed in Probot', () => {
  it('app.log and its children (Probot names them) › redacted', async () => {
    const out = collector();
    const log = await logger(out);
    const probot = new Probot({ appId: 1, privateKey: CANARIES.privateKey, log });
    probot.log.info({ token: CANARIES.githubInstallation }, `installation token ${CANARIES.githubInstallation}`);
    probot.log.child({ name: 'event', id: 'delivery-9' }).warn(`slack ${CANARIES.slackBot}`);
    expect(leakedCanaries(out.text())).toEqual([]);
    expect(out.parsed().at(-1)).toMatchObject({ name: 'event', id: 'delivery-9', msg: `slack xoxb-${REDACTED}` });
  });

  it("Probot's HTTP request log (pino-http, its own serializers) › credential headers never reach a line", async () => {
    const out = collector();
    const log = await logger(out, 'info');
    const port = await freePort();
    const server = new Server({
      Probot: Probot.defaults({ appId: 1, privateKey: CANARIES.privateKey, secret: 'x-webhook', log }),
      log,
      port,
      host: '127.0.0.1',
    });
    await server.start();
    servers.push({ close: () => server.stop() });
    const response = await fetch(`http://127.0.0.1:${port}/ping?access_token=${CANARIES.githubPersonal}`, {
      headers: { authorization: `token ${CANARIES.githubInstallation}`, 'x-api-key': EXTRA_SECRET },
    });
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requestLine = out.parsed().find((line) => String(line.msg).startsWith('GET /ping'));
    expect(requestLine).toBeDefined();
    expect(leakedCanaries(out.text())).toEqual([]);
  });
});
