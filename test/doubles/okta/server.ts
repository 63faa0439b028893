// A local Okta Management API double on 127.0.0.1: SSWS or OAuth bearer auth, cursor pagination, Okta's rate-limit
// headers on every answer, and faults (429 storms, 5xx, hung or dropped connections) for the next N requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthClients } from './oauth.js';
import { oktaError, route, type Reply } from './routes.js';
import { OktaState, type SeedOptions } from './state.js';

export { OktaState } from './state.js';
export type { DoubleGroup, DoubleUser, NewUser, SeedOptions } from './state.js';

export interface StartOktaDoubleOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** The SSWS API token accepted (default `test-okta-token`). */
  token?: string;
  /** Per-endpoint-family window (default 600 requests per 60 s); `enforce` answers 429 past the limit. */
  rateLimit?: { limit: number; windowSeconds: number; enforce?: boolean };
}

export interface OktaRequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
}

interface Fault {
  kind: 'rate-limit' | 'status' | 'hang' | 'drop';
  remaining: number;
  after?: number;
  status?: number;
  resetInSeconds?: number;
  path?: string;
}

/** `path`: only requests whose path contains it; `after`: let that many matching requests through first. */
type FaultScope = { path?: string; after?: number };

export class OktaDouble {
  readonly state = new OktaState();
  readonly oauth = new OAuthClients();
  readonly requests: OktaRequestRecord[] = [];
  /** Every request received (API and OAuth), faults included. */
  calls = 0;
  url = '';
  readonly #faults: Fault[] = [];

  /** The next `times` matching requests get 429 with `x-rate-limit-reset` `resetInSeconds` ahead. */
  rateLimitStorm(times: number, options: FaultScope & { resetInSeconds?: number } = {}): void {
    this.#faults.push({
      ...options,
      kind: 'rate-limit',
      remaining: times,
      resetInSeconds: options.resetInSeconds ?? 1,
    });
  }

  failNext(times: number, options: FaultScope & { status?: number } = {}): void {
    this.#faults.push({ ...options, kind: 'status', remaining: times, status: options.status ?? 500 });
  }

  /** Accepts the next requests and never answers (until close). */
  hangNext(times: number, options: FaultScope = {}): void {
    this.#faults.push({ ...options, kind: 'hang', remaining: times });
  }

  /** Destroys the connection of the next requests without an answer. */
  dropNext(times: number, options: FaultScope = {}): void {
    this.#faults.push({ ...options, kind: 'drop', remaining: times });
  }

  seed(options: SeedOptions): void {
    this.state.seed(options);
  }

  takeFault(path: string): Fault | undefined {
    const matching = this.#faults.filter((f) => f.remaining > 0 && (!f.path || path.includes(f.path)));
    for (const fault of matching) {
      if (fault.after) {
        fault.after -= 1;
        continue;
      }
      fault.remaining -= 1;
      return fault;
    }
    return undefined;
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  resetCounters(): void {
    this.calls = 0;
    this.requests.length = 0;
  }

  close: () => Promise<void> = async () => undefined;
}

const RATE_LIMIT_SUMMARY = 'API call exceeded rate limit due to too many requests.';

export async function startOktaDouble(options: StartOktaDoubleOptions = {}): Promise<OktaDouble> {
  const double = new OktaDouble();
  const token = options.token ?? 'test-okta-token';
  const limits = { limit: 600, windowSeconds: 60, enforce: false, ...options.rateLimit };
  const windows = new Map<string, { window: number; count: number }>();

  function rateHeaders(path: string): { headers: Record<string, string>; exceeded: boolean } {
    const family = path.split('/').slice(0, 4).join('/');
    const window = Math.floor(Date.now() / 1000 / limits.windowSeconds);
    const current = windows.get(family);
    const entry = current && current.window === window ? current : { window, count: 0 };
    entry.count += 1;
    windows.set(family, entry);
    const headers = {
      'x-rate-limit-limit': String(limits.limit),
      'x-rate-limit-remaining': String(Math.max(0, limits.limit - entry.count)),
      'x-rate-limit-reset': String((window + 1) * limits.windowSeconds),
    };
    return { headers, exceeded: limits.enforce && entry.count > limits.limit };
  }

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (header === `SSWS ${token}`) return true;
    return header.startsWith('Bearer ') && double.oauth.accepts(header.slice('Bearer '.length));
  }

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | 'hang' | 'drop'> {
    if (url.pathname === '/_double/stats') return { status: 200, body: { calls: double.calls } };
    double.calls += 1;
    const fault = double.takeFault(url.pathname);
    if (fault?.kind === 'hang' || fault?.kind === 'drop') return fault.kind;
    const rate = rateHeaders(url.pathname);
    if (fault?.kind === 'rate-limit' || rate.exceeded) {
      const reset = Math.ceil(Date.now() / 1000) + (fault?.resetInSeconds ?? 1);
      const reply = oktaError(429, 'E0000047', RATE_LIMIT_SUMMARY);
      const headers = { ...rate.headers, 'x-rate-limit-remaining': '0' };
      return { ...reply, headers: fault ? { ...headers, 'x-rate-limit-reset': String(reset) } : headers };
    }
    if (fault?.kind === 'status') {
      return fault.status! >= 500
        ? { status: fault.status!, body: '<html>Service unavailable</html>', headers: rate.headers }
        : { ...oktaError(fault.status!, 'E0000009', 'Internal Server Error'), headers: rate.headers };
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/v1/token') {
      const form = new URLSearchParams(await readBody(req));
      return double.oauth.token(form, `${double.url}/oauth2/v1/token`);
    }
    if (!authorised(req)) return { ...oktaError(401, 'E0000011', 'Invalid token provided'), headers: rate.headers };
    if (req.method !== 'GET' || !url.pathname.startsWith('/api/v1/')) {
      return {
        ...oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
        headers: rate.headers,
      };
    }
    const reply = route(double.state, double.url, url.pathname, url.searchParams);
    return { ...reply, headers: { ...rate.headers, ...reply.headers } };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', double.url || 'http://127.0.0.1');
    answer(req, res, url)
      .then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'drop') {
          res.socket?.destroy();
          return;
        }
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const type = typeof reply.body === 'string' ? 'text/html' : 'application/json';
        res.writeHead(reply.status, { 'content-type': type, ...reply.headers }).end(body);
        double.requests.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.search,
          status: reply.status,
        });
      })
      .catch((err: unknown) => {
        console.error('Okta double: handler failed', err);
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  };
  return double;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
