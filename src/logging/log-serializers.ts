// pino serializers for `err`, `req` and `res`: the shapes worth reading, every string redacted, and only request
// headers known to be harmless (a header list is an allowlist: a new credential header is dropped by default).
import type { RedactContext } from './redact-value.js';
import { redactError, redactString, walk } from './redact-value.js';

const SAFE_REQUEST_HEADERS = [
  'user-agent',
  'content-type',
  'content-length',
  'x-github-event',
  'x-github-delivery',
  'x-github-hook-id',
  'x-github-hook-installation-target-type',
  'x-request-id',
  'x-slack-request-timestamp',
  'x-slack-retry-num',
  'x-slack-retry-reason',
];
const SAFE_RESPONSE_HEADERS = ['content-type', 'content-length', 'retry-after'];

type Headers = Record<string, unknown>;

function pick(headers: Headers | undefined, allowed: readonly string[], context: RedactContext) {
  if (!headers || typeof headers !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  let omitted = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (allowed.includes(name.toLowerCase())) out[name] = walk(value, context, 1);
    else omitted += 1;
  }
  if (omitted) out['…'] = `${omitted} other header${omitted === 1 ? '' : 's'} not logged`;
  return out;
}

interface RequestLike {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  originalUrl?: unknown;
  headers?: Headers;
  socket?: { remoteAddress?: unknown };
  raw?: RequestLike;
}

interface ResponseLike {
  statusCode?: unknown;
  headers?: Headers;
  getHeaders?: () => Headers;
  raw?: ResponseLike;
}

export interface LogSerializers {
  err(value: unknown): unknown;
  req(value: unknown): unknown;
  res(value: unknown): unknown;
}

export function logSerializers(context: RedactContext): LogSerializers {
  return {
    err: (value) => (value instanceof Error ? redactError(value, context) : walk(value, context)),
    req(value) {
      if (!value || typeof value !== 'object') return walk(value, context);
      const req = ((value as RequestLike).raw ?? value) as RequestLike;
      const url = req.originalUrl ?? req.url;
      return {
        ...(req.id !== undefined && { id: walk(req.id, context) }),
        method: typeof req.method === 'string' ? req.method : undefined,
        url: typeof url === 'string' ? redactString(url, context) : undefined,
        headers: pick(req.headers, SAFE_REQUEST_HEADERS, context),
      };
    },
    res(value) {
      if (!value || typeof value !== 'object') return walk(value, context);
      const res = ((value as ResponseLike).raw ?? value) as ResponseLike;
      const headers = typeof res.getHeaders === 'function' ? res.getHeaders() : res.headers;
      return {
        statusCode: typeof res.statusCode === 'number' ? res.statusCode : undefined,
        headers: pick(headers, SAFE_RESPONSE_HEADERS, context),
      };
    },
  };
}
