import type { IncomingHttpHeaders } from 'node:http';

export type Caller =
  | { kind: 'app' }
  /** installationId null: a static test token that may see every repository */
  | { kind: 'installation'; installationId: number | null }
  | { kind: 'anonymous' };

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  caller: Caller;
}

export interface RouteReply {
  status?: number;
  json?: unknown;
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: RouteRequest) => RouteReply | Promise<RouteReply>;

/** 'app': an app JWT; 'token': an installation (or static) token; 'none': anyone. */
export type AuthKind = 'app' | 'token' | 'none';

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  auth: AuthKind;
  handler: Handler;
}

/** Patterns like "/repos/:owner/:repo/contents/*path": ":x" is one segment, "*x" the (possibly empty) rest. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, auth: AuthKind = 'token'): void {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        if (segment.startsWith('*')) {
          names.push(segment.slice(1));
          return '(.*)';
        }
        return segment.replace(/[.+?^${}()|[\]\\-]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${source}$`), names, auth, handler });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (found === null) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}

/** One page of `items` with GitHub's Link header (per_page default 30, at most 100). */
export function paginate(req: RouteRequest, baseUrl: string, items: unknown[]): RouteReply {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => {
    const query = new URLSearchParams(req.query);
    query.set('per_page', String(perPage));
    query.set('page', String(n));
    return `<${baseUrl}${req.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
  ];
  return {
    json: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

export function bodyObject(req: RouteRequest): Record<string, unknown> {
  return req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};
}
