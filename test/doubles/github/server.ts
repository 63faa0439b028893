import { createPublicKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { identify } from './auth.js';
import { GitHubDouble } from './double.js';
import { HttpError, type FaultRule } from './model.js';
import { actionRoutes } from './routes/actions.js';
import { appRoutes } from './routes/app.js';
import { attachmentRoutes } from './routes/attachments.js';
import { checkRoutes } from './routes/checks.js';
import { gitRoutes } from './routes/git.js';
import { graphqlRoutes } from './routes/graphql.js';
import { issueRoutes } from './routes/issues.js';
import { pullRoutes } from './routes/pulls.js';
import { repoRoutes } from './routes/repos.js';
import { statusRoutes } from './routes/statuses.js';
import { Router, type Caller, type RouteReply } from './router.js';
import { GitHubState } from './state.js';

export { GitHubDouble } from './double.js';
export type { Actor, FaultRule, Permission, RequestRecord } from './model.js';
export type { DispatchedRun, RunConclusion, WorkflowRunner } from './actions-state.js';

export interface StartGitHubDoubleOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  appId?: number;
  appSlug?: string;
  /** The app's private key (PEM): app JWTs must then carry a valid RS256 signature. */
  appPrivateKey?: string;
  /** Tokens accepted for every repository without the JWT → installation-token dance. */
  staticTokens?: string[];
}

const DOCS = 'https://docs.github.com/rest';
const MAX_BODY_BYTES = 50 * 1024 * 1024;

function buildRouter(state: GitHubState): Router {
  const router = new Router();
  for (const register of [
    appRoutes,
    repoRoutes,
    issueRoutes,
    pullRoutes,
    checkRoutes,
    statusRoutes,
    gitRoutes,
    graphqlRoutes,
    actionRoutes,
    attachmentRoutes,
  ]) {
    register(router, state);
  }
  return router;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Payload too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Problems parsing JSON');
  }
}

function faultReply(fault: FaultRule): HttpError {
  const retry = { 'retry-after': String(fault.retryAfter ?? 1) };
  if (fault.status === 403) {
    return new HttpError(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      {},
      retry,
    );
  }
  if (fault.status === 429)
    return new HttpError(429, 'API rate limit exceeded', {}, { ...retry, 'x-ratelimit-remaining': '0' });
  if (fault.status === 404) return new HttpError(404, 'Not Found');
  return new HttpError(fault.status, fault.status === 502 ? 'Bad Gateway' : 'Server Error');
}

function checkAccess(
  state: GitHubState,
  auth: 'app' | 'token' | 'none',
  caller: Caller,
  params: Record<string, string>,
): void {
  if (auth === 'none') return;
  if (auth === 'app' && caller.kind !== 'app') throw new HttpError(401, 'A JSON web token could not be decoded');
  if (auth === 'token') {
    if (caller.kind === 'anonymous') throw new HttpError(401, 'Requires authentication');
    if (caller.kind === 'app')
      throw new HttpError(403, 'An app JWT cannot be used here; use an installation access token');
    // an installation token sees its installation's repositories only; GitHub hides the others behind a 404
    if (caller.installationId !== null && params.owner !== undefined && params.repo !== undefined) {
      if (state.repo(params.owner, params.repo).installationId !== caller.installationId)
        throw new HttpError(404, 'Not Found');
    }
  }
}

function send(res: ServerResponse, reply: RouteReply): number {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = {
    'x-github-request-id': `DOUBLE:${Date.now().toString(16)}`,
    ...reply.headers,
  };
  if (reply.json !== undefined) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(status, {
      ...headers,
      ...(reply.contentType === undefined ? {} : { 'content-type': reply.contentType }),
    });
    res.end(reply.raw ?? '');
  }
  return status;
}

/** Starts the in-memory GitHub API double on 127.0.0.1. */
export async function startGitHubDouble(options: StartGitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const state = new GitHubState();
  Object.assign(state.app, { id: options.appId ?? state.app.id, slug: options.appSlug ?? state.app.slug });
  if (options.appPrivateKey !== undefined)
    state.appPublicKey = createPublicKey(options.appPrivateKey).export({ type: 'spki', format: 'pem' }).toString();
  for (const token of options.staticTokens ?? ['test'])
    state.tokens.set(token, { installationId: null, expiresAt: Number.POSITIVE_INFINITY });
  const router = buildRouter(state);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://double.invalid');
    const method = req.method ?? 'GET';
    const record: { body?: unknown } = {};
    const handle = async (): Promise<RouteReply> => {
      record.body = await readBody(req);
      const fault = state.takeFault(method, url.pathname);
      if (fault !== undefined) throw faultReply(fault);
      const found = router.match(method, url.pathname);
      if (found === undefined) throw new HttpError(404, 'Not Found');
      const caller = identify(state, req.headers);
      checkAccess(state, found.route.auth, caller, found.params);
      return found.route.handler({
        method,
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        body: record.body,
        headers: req.headers,
        caller,
      });
    };
    handle()
      .catch((error: unknown): RouteReply => {
        if (error instanceof HttpError) {
          return {
            status: error.status,
            headers: error.headers,
            json: { message: error.message, documentation_url: DOCS, status: String(error.status), ...error.extra },
          };
        }
        console.error('GitHub double: handler failed', error);
        return { status: 500, json: { message: `GitHub double bug: ${(error as Error).message}` } };
      })
      .then((reply) => {
        const status = send(res, reply);
        state.requestLog.push({
          method,
          path: url.pathname,
          query: url.search,
          status,
          ...(record.body === undefined ? {} : { body: record.body }),
        });
      })
      .catch((error: unknown) => {
        console.error('GitHub double: could not respond', error);
        res.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  state.url = `http://${host}`;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  return new GitHubDouble(state, state.url, host, close);
}
