import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { SlackApiError } from '../../../src/slack/slack-errors.js';
import { createSlackClient, type SlackClient } from '../../../src/slack/slack-client.js';
import { startSlackDouble, type SlackDouble } from '../../doubles/slack/server.js';
import { recordingLog } from './support.js';

const token = 'xoxb-0000-secret-bot-token';
let slack: SlackDouble;
let client: SlackClient;
const log = recordingLog();

beforeAll(async () => {
  slack = await startSlackDouble({
    token,
    users: [
      { id: 'U0ALICE', name: 'alice', realName: 'Alice Doe', email: 'alice@acme.test' },
      { id: 'U0NOMAIL', name: 'nomail' },
    ],
  });
  client = createSlackClient({ token, apiUrl: slack.apiUrl, log, retries: 2, retryMinTimeoutMs: 5 });
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.clearCalls();
  slack.clearFaults();
  log.lines.length = 0;
});

const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*hello*' } }];

describe('SlackClient › calls', () => {
  it('postMessage then update › the message is replaced in place, with the bot token', async () => {
    const posted = await client.postMessage({ channel: 'C0APPROVALS', text: 'hello', blocks });
    await client.update({ channel: posted.channel, ts: posted.ts, text: 'bye', blocks: [] });
    const message = slack.message('C0APPROVALS', posted.ts)!;
    expect(message).toMatchObject({ text: 'bye', blocks: [], history: [{ text: 'hello', blocks }] });
    expect(slack.calls.map((c) => [c.method, c.authorized])).toEqual([
      ['chat.postMessage', true],
      ['chat.update', true],
    ]);
  });

  it('postEphemeral › reaches only that user', async () => {
    await client.postEphemeral({ channel: 'C0APPROVALS', user: 'U0ALICE', text: 'not you' });
    expect(slack.ephemerals.at(-1)).toMatchObject({ user: 'U0ALICE', text: 'not you' });
  });

  it('userInfo › the profile email and whether Slack confirmed it', async () => {
    await expect(client.userInfo('U0ALICE')).resolves.toEqual({
      id: 'U0ALICE',
      teamId: 'T0TEST',
      name: 'alice',
      realName: 'Alice Doe',
      email: 'alice@acme.test',
      emailConfirmed: true,
      deleted: false,
      isBot: false,
    });
    expect((await client.userInfo('U0NOMAIL')).email).toBeUndefined();
  });

  it('lookupByEmail › the user, or undefined when nobody has that email', async () => {
    await expect(client.lookupByEmail('ALICE@acme.test')).resolves.toMatchObject({ id: 'U0ALICE' });
    await expect(client.lookupByEmail('nobody@acme.test')).resolves.toBeUndefined();
  });

  it('authTest › the workspace the bot belongs to', async () => {
    await expect(client.authTest()).resolves.toEqual({
      teamId: 'T0TEST',
      userId: 'U0INFRABOT',
      botId: 'B0INFRABOT',
      url: 'https://acme.slack.test/',
    });
  });
});

describe('SlackClient › failures', () => {
  it('Slack answers 500 twice › retried, then succeeds', async () => {
    slack.failNext({ method: 'chat.postMessage', kind: 'http', status: 500, times: 2 });
    await expect(client.postMessage({ channel: 'C0APPROVALS', text: 'x' })).resolves.toMatchObject({
      channel: 'C0APPROVALS',
    });
    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it('rate limited with retry-after › waits and retries', async () => {
    slack.failNext({ method: 'chat.update', kind: 'ratelimited', retryAfter: 0 });
    const posted = await client.postMessage({ channel: 'C0APPROVALS', text: 'x' });
    await client.update({ ...posted, text: 'y' });
    expect(slack.callsTo('chat.update').map((c) => c.status)).toEqual([429, 200]);
  });

  it('Slack down on every attempt › a retryable SlackApiError after the bounded retries', async () => {
    slack.failNext({ method: 'chat.postMessage', kind: 'http', status: 503, times: 10 });
    const error = await client.postMessage({ channel: 'C0APPROVALS', text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ code: 'http_503', method: 'chat.postMessage', retryable: true, status: 503 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('still rate limited after the retries › code ratelimited, retryable', async () => {
    slack.failNext({ method: 'users.info', kind: 'ratelimited', retryAfter: 0, times: 10 });
    await expect(client.userInfo('U0ALICE')).rejects.toMatchObject({ code: 'ratelimited', retryable: true });
  });

  it.each([
    ['an unknown channel', () => client.postMessage({ channel: 'C0NOWHERE', text: 'x' }), 'channel_not_found'],
    ['an unknown message', () => client.update({ channel: 'C0APPROVALS', ts: '1.1', text: 'x' }), 'message_not_found'],
    ['an unknown user', () => client.userInfo('U0GHOST'), 'user_not_found'],
  ])('%s › Slack’s error code, not retried', async (_name, call, code) => {
    await expect(call()).rejects.toMatchObject({ code, retryable: false });
    expect(slack.calls).toHaveLength(1);
  });

  it('blocks Slack would refuse › invalid_blocks, not retried', async () => {
    const tooMany = Array.from({ length: 51 }, () => blocks[0]!);
    await expect(client.postMessage({ channel: 'C0APPROVALS', text: 'x', blocks: tooMany })).rejects.toMatchObject({
      code: 'invalid_blocks',
      retryable: false,
    });
  });

  it('a wrong token › invalid_auth; the token appears in no error and no log line', async () => {
    const wrong = createSlackClient({ token: 'xoxb-wrong-token-123', apiUrl: slack.apiUrl, log, retries: 0 });
    const error = await wrong.authTest().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_auth', retryable: false });
    expect(inspect(error, { depth: 10 })).not.toContain('xoxb-wrong-token-123');
    slack.failNext({ method: 'auth.test', kind: 'http', status: 500, times: 10 });
    const down = await client.authTest().catch((e: unknown) => e);
    expect(inspect(down, { depth: 10 })).not.toContain(token);
    expect(log.text()).not.toContain(token);
  });

  it('Slack unreachable › a retryable network error', async () => {
    const nowhere = createSlackClient({
      token,
      apiUrl: 'http://127.0.0.1:9/api',
      log,
      retries: 1,
      retryMinTimeoutMs: 1,
    });
    await expect(nowhere.authTest()).rejects.toMatchObject({ code: 'network', retryable: true });
  });
});
