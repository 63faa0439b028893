import { describe, expect, it } from '@jest/globals';
import { redactingSlackClient } from '../../../src/slack/redacting-slack-client.js';
import type { MessageInput, SlackClient } from '../../../src/slack/slack-client.js';

const SECRET = 'xoxb-super-secret-token-123';

function recordingClient(): { client: SlackClient; sent: MessageInput[] } {
  const sent: MessageInput[] = [];
  const client: SlackClient = {
    postMessage: async (input) => {
      sent.push(input);
      return { channel: input.channel, ts: '1.2' };
    },
    update: async (input) => void sent.push(input),
    postEphemeral: async (input) => void sent.push(input),
    userInfo: async (id) => ({ id, name: id, emailConfirmed: false, deleted: false, isBot: false }),
    lookupByEmail: async () => undefined,
    authTest: async () => ({ teamId: 'T1', userId: 'U1' }),
  };
  return { client, sent };
}

const message = (text: string): MessageInput => ({
  channel: 'C1',
  text,
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: `policy uses ${text}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `nested ${text} here` }] },
  ],
});

describe('redactingSlackClient', () => {
  it.each(['postMessage', 'update', 'postEphemeral'] as const)(
    '%s › scrubs the text and every block string',
    async (call) => {
      const { client, sent } = recordingClient();
      const redacting = redactingSlackClient(client, [SECRET]);
      const input = { ...message(`token ${SECRET}`), ts: '1.1', user: 'U2' };
      await redacting[call](input);
      const out = JSON.stringify(sent);
      expect(out).not.toContain(SECRET);
      expect(out).toContain('(sensitive)');
      // The rest of the message is untouched.
      expect(sent[0]!.channel).toBe('C1');
      expect(out).toContain('nested token (sensitive) here');
    },
  );

  it('leaves messages without a secret as they are', async () => {
    const { client, sent } = recordingClient();
    await redactingSlackClient(client, [SECRET]).postMessage(message('hello'));
    expect(sent[0]).toEqual(message('hello'));
  });

  it('passes the reads through', async () => {
    const { client } = recordingClient();
    await expect(redactingSlackClient(client, [SECRET]).authTest()).resolves.toEqual({ teamId: 'T1', userId: 'U1' });
  });
});
