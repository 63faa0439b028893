import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import pino from 'pino';
import { Probot, Server } from 'probot';
import { APPROVE_ACTION_ID, type ApprovalClick } from '../../../src/slack/approval-click.js';
import { encodeApprovalValue } from '../../../src/approval/approval-value.js';
import { createSlackInteractions } from '../../../src/slack/receiver.js';
import { blockActionsPayload, sendInteraction } from '../../doubles/slack/server.js';
import { recordingLog } from './support.js';

// Probot 14 has no getRouter(): extra routes are handlers added with `addHandler` when the app loads. This pins that
// the Slack handler works there, on the same server and port as the webhooks, without disturbing them.
const signingSecret = 'probot-server-signing-secret';
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let server: Server;
let base: string;
const clicks: ApprovalClick[] = [];

beforeAll(async () => {
  const port = await freePort();
  server = new Server({
    Probot: Probot.defaults({ appId: 1, privateKey, secret: 'webhook-secret', logLevel: 'fatal' }),
    port,
    host: '127.0.0.1',
    log: pino({ level: 'silent' }),
  });
  await server.load((_app, { addHandler }) => {
    const slack = createSlackInteractions({
      signingSecret,
      log: recordingLog(),
      onApprovalClick: (click) => {
        clicks.push(click);
      },
    });
    addHandler(slack.handler);
  });
  await server.start();
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => server.stop());

describe('Slack interactions on Probot’s server', () => {
  const value = encodeApprovalValue({ repo: 'acme/infra', pr: 7, headSha: 'b'.repeat(40), planIds: ['p'] });
  const payload = blockActionsPayload({ actionId: APPROVE_ACTION_ID, value, userId: 'U0ALICE' });

  it('a signed click on /slack/events › 200 and handed over', async () => {
    expect((await sendInteraction(`${base}/slack/events`, payload, { signingSecret })).status).toBe(200);
    expect(clicks.map((c) => c.slackUserId)).toEqual(['U0ALICE']);
  });

  it('a badly signed click › 401, nothing handed over', async () => {
    expect((await sendInteraction(`${base}/slack/events`, payload, { signingSecret: 'nope' })).status).toBe(401);
    expect(clicks).toHaveLength(1);
  });

  it('Probot’s own routes still answer › webhooks refuse an unsigned delivery, /ping answers', async () => {
    const webhook = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': '1' },
      body: '{}',
    });
    expect(webhook.status).toBe(400);
    expect((await fetch(`${base}/ping`)).status).toBe(200);
  });
});
