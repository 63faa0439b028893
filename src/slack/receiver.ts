// Slack interactivity on the app's own HTTP server. Bolt's ExpressReceiver checks the signature (HMAC of
// `v0:<timestamp>:<body>`, timestamps older than 5 minutes refused) and answers 401 before any of our code runs.
// A valid approval click is handed to `onApprovalClick` (which only enqueues), then acknowledged: a 200 therefore
// means the click is durably queued, and a failed hand-off answers 500 so Slack shows the clicker an error instead
// of losing the click silently. Slack needs the answer within 3 s, so the hand-off is bounded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ExpressReceiver } from '@slack/bolt';
import type { IRouter, NextFunction, Request, Response } from 'express';
import { toApprovalClick, type ApprovalClick } from './approval-click.js';
import { toSlackSdkLogger, type SlackLog } from './slack-log.js';

export interface SlackInteractionsOptions {
  signingSecret: string;
  /** Must only enqueue; the checks and Slack/GitHub calls run in the job. */
  onApprovalClick: (click: ApprovalClick) => Promise<void> | void;
  log: SlackLog;
  /** Slack's Request URL path (default `/slack/events`). */
  path?: string;
  /** Mount on this Express router too (before any body parser: the signature needs the raw body). */
  router?: IRouter;
  /** Larger bodies are refused with 413 before being read whole (default 1 MiB). */
  maxBodyBytes?: number;
  /** Longest wait for `onApprovalClick` before answering 500 (default 2 s; Slack gives up at 3 s). */
  handoffTimeoutMs?: number;
}

export interface SlackInteractions {
  /** For Probot's `addHandler`: answers Slack's POSTs to `path` and returns true; false for anything else. */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The Express router the receiver's route lives on (the given one, or bolt's own). */
  router: IRouter;
}

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > max) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the approval click was not queued within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createSlackInteractions(options: SlackInteractionsOptions): SlackInteractions {
  const path = options.path ?? '/slack/events';
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const handoffMs = options.handoffTimeoutMs ?? 2000;
  const { log } = options;

  // Runs first on a given router: reads the raw body once, within the size limit (bolt reads `req.rawBody`).
  options.router?.post(path, (req: Request, res: Response, next: NextFunction) => {
    if ((req as RawBodyRequest).rawBody !== undefined) return next();
    readBody(req, maxBody).then(
      (body) => {
        (req as RawBodyRequest).rawBody = body;
        next();
      },
      (error: unknown) => (error instanceof BodyTooLarge ? res.status(413).end() : next(error)),
    );
  });

  const logger = toSlackSdkLogger(log, 'slack-bolt');
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: path,
    logger,
    ...(options.router === undefined ? {} : { router: options.router }),
    // answering here (and returning true) also clears bolt's 3 s "never acknowledged" timer for this request
    processEventErrorHandler: async ({ response }) => {
      if (!response.headersSent) response.writeHead(500).end();
      return true;
    },
  });
  receiver.app.disable('x-powered-by');
  // No bot token here: the receiver only verifies and queues; Slack calls go through SlackClient in the jobs.
  const app = new App({ receiver, logger, authorize: async () => ({}), ignoreSelf: false, convoStore: false });
  app.error(async (error) => {
    throw error;
  });
  app.use(async (args) => {
    const ack = 'ack' in args ? args.ack : undefined;
    const click = toApprovalClick(args.body);
    if (click === undefined) {
      // not ours (another button, a modal, an event): answer at once, do nothing
      log.debug({ type: (args.body as { type?: unknown }).type }, 'Slack interaction ignored');
      await ack?.();
      return;
    }
    try {
      await withTimeout(Promise.resolve(options.onApprovalClick(click)), handoffMs);
    } catch (error) {
      log.error(
        { err: error instanceof Error ? error.message : String(error), user: click.slackUserId, action: click.action },
        'Slack approval click could not be queued; Slack shows the clicker an error',
      );
      throw error;
    }
    await ack?.();
  });

  const dispatch = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      res.once('close', () => resolve());
      res.once('finish', () => resolve());
      receiver.app(req as Request, res as Response, (error?: unknown) => {
        if (!res.headersSent) res.writeHead(error === undefined ? 404 : 500).end();
        resolve();
      });
    });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const pathname = new URL(req.url ?? '/', 'http://slack.invalid').pathname;
    if (req.method !== 'POST' || pathname !== path) return false;
    try {
      (req as RawBodyRequest).rawBody = await readBody(req, maxBody);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      res.writeHead(413, { connection: 'close' }).end();
      return true;
    }
    await dispatch(req, res);
    return true;
  };
  return { handler, router: receiver.router };
}
