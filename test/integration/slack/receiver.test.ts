import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID, type ApprovalClick } from '../../../src/slack/approval-click.js';
import { encodeApprovalValue } from '../../../src/approval/approval-value.js';
import { createSlackInteractions } from '../../../src/slack/receiver.js';
import { blockActionsPayload, interactionBody, sendInteraction, signRequest } from '../../doubles/slack/server.js';
import { recordingLog, serve, type TestServer } from './support.js';

const signingSecret = 'test-signing-secret-0123456789abcdef';
const value = encodeApprovalValue({ repo: 'acme/infra', pr: 42, headSha: 'a'.repeat(40), planIds: ['p-1', 'p-2'] });
const approve = (over: Partial<Parameters<typeof blockActionsPayload>[0]> = {}) =>
  blockActionsPayload({ actionId: APPROVE_ACTION_ID, value, userId: 'U0ALICE', ...over });
const now = () => Math.floor(Date.now() / 1000);

let server: TestServer;
let url: string;
const log = recordingLog();
const clicks: ApprovalClick[] = [];
let handoff: (click: ApprovalClick) => Promise<void> = async (click) => {
  clicks.push(click);
};

beforeAll(async () => {
  const slack = createSlackInteractions({
    signingSecret,
    log,
    onApprovalClick: (click) => handoff(click),
    maxBodyBytes: 64 * 1024,
    handoffTimeoutMs: 200,
  });
  server = await serve(slack.handler);
  url = `${server.url}/slack/events`;
});
afterAll(() => server.close());
beforeEach(() => {
  clicks.length = 0;
  log.lines.length = 0;
  handoff = async (click) => {
    clicks.push(click);
  };
});

describe('Slack interactions › signature', () => {
  it('a signed approval click › is acknowledged with 200 and handed over once, with who/where/what', async () => {
    const result = await sendInteraction(url, approve(), { signingSecret });
    expect(result.status).toBe(200);
    expect(clicks).toEqual([
      {
        action: 'approve',
        value,
        slackUserId: 'U0ALICE',
        slackUserName: 'u0alice',
        teamId: 'T0TEST',
        userTeamId: 'T0TEST',
        channelId: 'C0APPROVALS',
        messageTs: '1700000000.000100',
        actionTs: '1700000100.000200',
      },
    ]);
  });

  it('a reject click › is handed over as a reject', async () => {
    const payload = blockActionsPayload({ actionId: REJECT_ACTION_ID, value, userId: 'U0BOB' });
    expect((await sendInteraction(url, payload, { signingSecret })).status).toBe(200);
    expect(clicks.map((c) => [c.action, c.slackUserId])).toEqual([['reject', 'U0BOB']]);
  });

  it.each([
    ['a signature made with another secret', { signingSecret: 'not-the-secret' }],
    ['a garbage signature', { signingSecret, signature: 'v0=deadbeef' }],
    ['a stale timestamp (6 minutes old)', { signingSecret, timestamp: now() - 6 * 60 }],
    ['no signature header', { signingSecret, omit: ['x-slack-signature'] }],
    ['no timestamp header', { signingSecret, omit: ['x-slack-request-timestamp'] }],
  ])('%s › 401 and nothing is handed over', async (_name, options) => {
    const result = await sendInteraction(url, approve(), options);
    expect(result.status).toBe(401);
    expect(clicks).toEqual([]);
  });

  it('a body changed after signing › 401 (the signature covers the exact body)', async () => {
    const signedBody = interactionBody(approve());
    const forged = interactionBody(approve({ userId: 'U0MALLORY' }));
    const { headers } = signRequest(signingSecret, signedBody);
    const response = await fetch(url, { method: 'POST', headers, body: forged });
    expect(response.status).toBe(401);
    expect(clicks).toEqual([]);
  });

  it('a replayed click (same signed request twice, within 5 minutes) › handed over twice; the store keeps one decision', async () => {
    const timestamp = now();
    await sendInteraction(url, approve(), { signingSecret, timestamp });
    await sendInteraction(url, approve(), { signingSecret, timestamp });
    expect(clicks).toHaveLength(2);
    expect(clicks[0]).toEqual(clicks[1]);
  });

  it('the signing secret never reaches a log line', async () => {
    await sendInteraction(url, approve(), { signingSecret: 'wrong' });
    await sendInteraction(url, approve(), { signingSecret });
    expect(log.text()).not.toContain(signingSecret);
    expect(log.lines.some((l) => l.level === 'warn' && /verification failed/i.test(l.message ?? ''))).toBe(true);
  });
});

describe('Slack interactions › what is not an approval click', () => {
  it.each([
    ['another button', blockActionsPayload({ actionId: 'something_else', value: 'x', userId: 'U0ALICE' })],
    ['a modal submission', { type: 'view_submission', user: { id: 'U0ALICE' }, team: { id: 'T0TEST' }, view: {} }],
  ])('%s › acknowledged at once, nothing handed over', async (_name, payload) => {
    const started = performance.now();
    expect((await sendInteraction(url, payload, { signingSecret })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(clicks).toEqual([]);
  });

  it('a body over the size limit › 413 before it is read whole, nothing handed over', async () => {
    const result = await sendInteraction(url, approve({ value: 'x'.repeat(70 * 1024) }), { signingSecret });
    expect(result.status).toBe(413);
    expect(clicks).toEqual([]);
  });

  it('other paths and methods › left to the next handler (404 here)', async () => {
    expect((await fetch(`${server.url}/slack/other`, { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('Slack interactions › hand-off', () => {
  it('the queue fails › 500 (Slack shows the clicker an error) and the failure is logged', async () => {
    handoff = async () => {
      throw new Error('database is locked');
    };
    expect((await sendInteraction(url, approve(), { signingSecret })).status).toBe(500);
    expect(log.lines.find((l) => l.level === 'error')?.fields).toMatchObject({ err: 'database is locked' });
  });

  it('the queue hangs › 500 after the hand-off timeout, well inside Slack’s 3 s', async () => {
    let release = (): void => {};
    handoff = () => new Promise<void>((resolve) => (release = resolve));
    const started = performance.now();
    expect((await sendInteraction(url, approve(), { signingSecret })).status).toBe(500);
    expect(performance.now() - started).toBeLessThan(2000);
    release();
  });

  it('acknowledgement latency › p99 of 100 signed clicks under 300 ms', async () => {
    const times: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const started = performance.now();
      const result = await sendInteraction(url, approve({ actionTs: `1700000100.${i}` }), { signingSecret });
      times.push(performance.now() - started);
      expect(result.status).toBe(200);
    }
    times.sort((a, b) => a - b);
    expect(times[Math.ceil(times.length * 0.99) - 1]).toBeLessThan(300);
    expect(clicks).toHaveLength(100);
  });
});

describe('Slack interactions › on an Express router of the app', () => {
  it('mounted on a given router › signed clicks handed over, bad ones 401, oversized ones 413', async () => {
    const app = express();
    const router = express.Router();
    const seen: ApprovalClick[] = [];
    createSlackInteractions({
      signingSecret,
      log: recordingLog(),
      router,
      maxBodyBytes: 64 * 1024,
      onApprovalClick: (click) => void seen.push(click),
    });
    app.use('/hooks', router);
    const own = await serve((req, res) => {
      app(req as express.Request, res as express.Response);
      return true;
    });
    try {
      const at = `${own.url}/hooks/slack/events`;
      expect((await sendInteraction(at, approve(), { signingSecret })).status).toBe(200);
      expect((await sendInteraction(at, approve(), { signingSecret: 'wrong' })).status).toBe(401);
      const big = approve({ value: 'x'.repeat(70 * 1024) });
      expect((await sendInteraction(at, big, { signingSecret })).status).toBe(413);
      expect(seen.map((c) => c.slackUserId)).toEqual(['U0ALICE']);
    } finally {
      await own.close();
    }
  });
});
