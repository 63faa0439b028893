// A thin typed wrapper over @slack/web-api's WebClient: only the calls the approval flow makes, plain results, bounded
// retries (5xx, network and 429 honouring retry-after; Slack's "bad request" answers are not retried), SlackApiError.
import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { SlackApiError, toSlackApiError } from './slack-errors.js';
import { toSlackSdkLogger, type SlackLog } from './slack-log.js';

export interface SlackClientOptions {
  token: string;
  /** `SLACK_API_URL`; default https://slack.com/api/ */
  apiUrl?: string;
  log: SlackLog;
  /** Retries per call after the first attempt (default 3). */
  retries?: number;
  /** First back-off between retries (default 500 ms; tests use less). */
  retryMinTimeoutMs?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export interface SlackUser {
  id: string;
  teamId?: string;
  name: string;
  realName?: string;
  /** Needs the `users:read.email` scope. */
  email?: string;
  /** Slack's `is_email_confirmed`. */
  emailConfirmed: boolean;
  deleted: boolean;
  isBot: boolean;
}

export interface MessageInput {
  channel: string;
  /** Notification / fallback text (required by Slack for accessibility even when blocks are given). */
  text: string;
  blocks?: KnownBlock[];
}

export interface SlackClient {
  postMessage(input: MessageInput): Promise<{ channel: string; ts: string }>;
  update(input: MessageInput & { ts: string }): Promise<void>;
  postEphemeral(input: MessageInput & { user: string }): Promise<void>;
  userInfo(userId: string): Promise<SlackUser>;
  /** Undefined when no user has that email. */
  lookupByEmail(email: string): Promise<SlackUser | undefined>;
  /** The bot's own identity; `teamId` is the workspace clicks must come from. */
  authTest(): Promise<{ teamId: string; userId: string; botId?: string; url?: string }>;
}

interface UserData {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_email_confirmed?: boolean;
  profile?: { email?: string; real_name?: string };
}

function toUser(method: string, data: UserData | undefined): SlackUser {
  if (data?.id === undefined) throw new SlackApiError('invalid_response', method, 'no user in the answer', false);
  const realName = data.real_name ?? data.profile?.real_name;
  const email = data.profile?.email;
  return {
    id: data.id,
    ...(data.team_id === undefined ? {} : { teamId: data.team_id }),
    name: data.name ?? data.id,
    ...(realName === undefined || realName === '' ? {} : { realName }),
    ...(email === undefined || email === '' ? {} : { email }),
    emailConfirmed: data.is_email_confirmed === true,
    deleted: data.deleted === true,
    isBot: data.is_bot === true,
  };
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

export function createSlackClient(options: SlackClientOptions): SlackClient {
  const web = new WebClient(options.token, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: withSlash(options.apiUrl) }),
    logger: toSlackSdkLogger(options.log, 'slack-web-api'),
    retryConfig: {
      retries: options.retries ?? 3,
      factor: 2,
      minTimeout: options.retryMinTimeoutMs ?? 500,
      maxTimeout: 30_000,
      randomize: true,
    },
    timeout: options.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: false,
    // @slack/web-api 8 uses fetch: its errors no longer carry an axios request config (and its token)
  });
  const call = async <T>(method: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toSlackApiError(method, error);
    }
  };
  return {
    postMessage: (input) =>
      call('chat.postMessage', async () => {
        const result = await web.chat.postMessage({ ...input, unfurl_links: false, unfurl_media: false });
        if (result.channel === undefined || result.ts === undefined)
          throw new SlackApiError('invalid_response', 'chat.postMessage', 'no channel or ts in the answer', false);
        return { channel: result.channel, ts: result.ts };
      }),
    update: (input) =>
      call('chat.update', async () => {
        await web.chat.update(input);
      }),
    postEphemeral: (input) =>
      call('chat.postEphemeral', async () => {
        await web.chat.postEphemeral(input);
      }),
    userInfo: (user) => call('users.info', async () => toUser('users.info', (await web.users.info({ user })).user)),
    lookupByEmail: (email) =>
      call('users.lookupByEmail', async () => {
        try {
          return toUser('users.lookupByEmail', (await web.users.lookupByEmail({ email })).user);
        } catch (error) {
          if (toSlackApiError('users.lookupByEmail', error).code === 'users_not_found') return undefined;
          throw error;
        }
      }),
    authTest: () =>
      call('auth.test', async () => {
        const result = await web.auth.test();
        if (result.team_id === undefined || result.user_id === undefined)
          throw new SlackApiError('invalid_response', 'auth.test', 'no team_id or user_id in the answer', false);
        return {
          teamId: result.team_id,
          userId: result.user_id,
          ...(result.bot_id === undefined ? {} : { botId: result.bot_id }),
          ...(result.url === undefined ? {} : { url: result.url }),
        };
      }),
  };
}
