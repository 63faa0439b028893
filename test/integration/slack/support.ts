// Shared pieces of the Slack integration tests: a recording logger and an HTTP server built like Probot 14's
// (handlers in order, 404 when none takes the request).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackLog } from '../../../src/slack/slack-log.js';

export interface LogLine {
  level: keyof SlackLog;
  fields: object;
  message?: string;
}

export function recordingLog(): SlackLog & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof SlackLog) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, ...(message === undefined ? {} : { message }) });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => `${l.level} ${JSON.stringify(l.fields)} ${l.message ?? ''}`).join('\n'),
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(...handlers: Handler[]): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404).end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
