// The Slack double's state and its answers to Web API calls (the HTTP server around it is in server.ts).
import type { IncomingMessage } from 'node:http';
import { blockErrors, LIMITS } from './block-limits.js';

export interface SlackDoubleUser {
  id: string;
  name: string;
  teamId?: string;
  realName?: string;
  email?: string;
  /** Default true. */
  emailConfirmed?: boolean;
  deleted?: boolean;
  isBot?: boolean;
}

export interface SlackFault {
  /** Web API method, e.g. `chat.postMessage`. */
  method: string;
  /** `http`: a bare HTTP error; `ratelimited`: 429 with Retry-After; `error`: 200 with `{ ok: false, error }`. */
  kind: 'http' | 'ratelimited' | 'error';
  /** For `http` (default 500). */
  status?: number;
  /** For `error`, e.g. `channel_not_found`. */
  error?: string;
  /** Seconds, for `ratelimited` (default 1). */
  retryAfter?: number;
  /** Default 1. */
  times?: number;
}

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  ok: boolean;
  error?: string;
  /** Whether the call carried the double's bot token (the token itself is not recorded). */
  authorized: boolean;
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** Every earlier version, oldest first (chat.update pushes the replaced one). */
  history: Array<{ text: string; blocks: unknown[] }>;
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
}

type Args = Record<string, unknown>;
type Reply = { status?: number; headers?: Record<string, string>; json: Args };

const JSON_FIELDS = ['blocks', 'attachments', 'metadata'];

async function readArgs(req: IncomingMessage): Promise<Args> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Args;
  const args: Args = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS)
    if (typeof args[field] === 'string') {
      try {
        args[field] = JSON.parse(args[field] as string);
      } catch {
        args[field] = { invalid: args[field] };
      }
    }
  return args;
}

const fail = (error: string, extra: Args = {}): Reply => ({ json: { ok: false, error, ...extra } });
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What tests hold: the state, every call, fault injection. */
export class SlackDouble {
  readonly calls: SlackCall[] = [];
  readonly ephemerals: EphemeralRecord[] = [];
  readonly users = new Map<string, SlackDoubleUser>();
  readonly channels = new Set<string>();
  private readonly messageRecords = new Map<string, SlackMessageRecord>();
  private readonly faults: Array<SlackFault & { remaining: number }> = [];
  private tsCounter = 0;
  url = '';
  close: () => Promise<void> = async () => {};

  constructor(
    readonly token: string,
    readonly teamId: string,
    readonly botUserId = 'U0INFRABOT',
  ) {}

  /** The base URL for WebClient / SLACK_API_URL (ends with `/api/`). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  addUser(user: SlackDoubleUser): void {
    this.users.set(user.id, user);
  }

  addChannel(id: string): void {
    this.channels.add(id);
  }

  failNext(fault: SlackFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  messages(channel?: string): SlackMessageRecord[] {
    return [...this.messageRecords.values()].filter((m) => channel === undefined || m.channel === channel);
  }

  message(channel: string, ts: string): SlackMessageRecord | undefined {
    return this.messageRecords.get(`${channel}/${ts}`);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /** Drops faults not yet consumed. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  private takeFault(method: string): SlackFault | undefined {
    const index = this.faults.findIndex((f) => f.method === method);
    if (index === -1) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private userJson(user: SlackDoubleUser): Args {
    return {
      id: user.id,
      team_id: user.teamId ?? this.teamId,
      name: user.name,
      real_name: user.realName ?? user.name,
      deleted: user.deleted ?? false,
      is_bot: user.isBot ?? false,
      is_email_confirmed: user.emailConfirmed ?? true,
      profile: { real_name: user.realName ?? user.name, ...(user.email === undefined ? {} : { email: user.email }) },
    };
  }

  private messageProblem(args: Args): Reply | undefined {
    const text = typeof args.text === 'string' ? args.text : '';
    if (text === '' && args.blocks === undefined) return fail('no_text');
    if (text.length > LIMITS.messageText) return fail('msg_too_long');
    if (args.blocks !== undefined) {
      const errors = blockErrors(args.blocks);
      if (errors.length > 0) return fail('invalid_blocks', { errors });
    }
    return undefined;
  }

  /** Answers one Web API call (already authenticated). */
  answer(method: string, args: Args): Reply {
    const channel = str(args.channel);
    switch (method) {
      case 'auth.test':
        return {
          json: {
            ok: true,
            url: 'https://acme.slack.test/',
            team: 'Acme',
            user: 'infra-bot',
            team_id: this.teamId,
            user_id: this.botUserId,
            bot_id: 'B0INFRABOT',
          },
        };
      case 'chat.postMessage': {
        // A user id as channel posts to the bot's direct message with that person, as Slack does.
        if (channel === undefined || !(this.channels.has(channel) || this.users.has(channel)))
          return fail('channel_not_found');
        const problem = this.messageProblem(args);
        if (problem) return problem;
        const ts = this.nextTs();
        const record = {
          channel,
          ts,
          text: str(args.text) ?? '',
          blocks: (args.blocks as unknown[]) ?? [],
          history: [],
        };
        this.messageRecords.set(`${channel}/${ts}`, record);
        return {
          json: { ok: true, channel, ts, message: { type: 'message', text: record.text, blocks: record.blocks, ts } },
        };
      }
      case 'chat.update': {
        if (channel === undefined || !this.channels.has(channel)) return fail('channel_not_found');
        const record = this.message(channel, str(args.ts) ?? '');
        if (!record) return fail('message_not_found');
        const problem = this.messageProblem(args);
        if (problem) return problem;
        record.history.push({ text: record.text, blocks: record.blocks });
        record.text = str(args.text) ?? '';
        record.blocks = (args.blocks as unknown[]) ?? [];
        return { json: { ok: true, channel, ts: record.ts, text: record.text } };
      }
      case 'chat.postEphemeral': {
        if (channel === undefined || !this.channels.has(channel)) return fail('channel_not_found');
        const user = str(args.user);
        if (user === undefined || !this.users.has(user)) return fail('user_not_found');
        const problem = this.messageProblem(args);
        if (problem) return problem;
        this.ephemerals.push({ channel, user, text: str(args.text) ?? '', blocks: (args.blocks as unknown[]) ?? [] });
        return { json: { ok: true, message_ts: this.nextTs() } };
      }
      case 'users.info': {
        const user = this.users.get(str(args.user) ?? '');
        return user ? { json: { ok: true, user: this.userJson(user) } } : fail('user_not_found');
      }
      case 'users.lookupByEmail': {
        const email = (str(args.email) ?? '').toLowerCase();
        const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email);
        return user ? { json: { ok: true, user: this.userJson(user) } } : fail('users_not_found');
      }
      default:
        return fail('unknown_method');
    }
  }

  async handle(req: IncomingMessage): Promise<Reply & { method: string; args: Args; authorized: boolean }> {
    const url = new URL(req.url ?? '/', 'http://slack.invalid');
    const method = url.pathname.replace(/^\/api\//, '');
    const args = await readArgs(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? str(args.token);
    const authorized = bearer === this.token;
    const { token: _token, ...recorded } = args;
    const base = { method, args: recorded, authorized };
    if (!url.pathname.startsWith('/api/')) return { ...base, status: 404, json: { ok: false, error: 'not_found' } };
    const fault = this.takeFault(method);
    if (fault?.kind === 'http')
      return { ...base, status: fault.status ?? 500, json: { ok: false, error: 'fatal_error' } };
    if (fault?.kind === 'ratelimited')
      return {
        ...base,
        status: 429,
        headers: { 'retry-after': String(fault.retryAfter ?? 1) },
        json: { ok: false, error: 'ratelimited' },
      };
    if (fault?.kind === 'error') return { ...base, ...fail(fault.error ?? 'internal_error') };
    if (bearer === undefined) return { ...base, ...fail('not_authed') };
    if (!authorized) return { ...base, ...fail('invalid_auth') };
    return { ...base, ...this.answer(method, args) };
  }
}
