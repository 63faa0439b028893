// An in-memory Slack Web API on 127.0.0.1 for integration and end-to-end tests (point SLACK_API_URL at `apiUrl`).
// It answers like Slack: HTTP 200 with `{ ok: false, error }` for bad requests, 429 + Retry-After when rate limited,
// and it enforces Block Kit limits (`invalid_blocks`) so a message Slack would refuse is refused here too.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackDouble, type SlackDoubleUser } from './double.js';

export * from './interactions.js';
export { SlackDouble } from './double.js';
export type { EphemeralRecord, SlackCall, SlackDoubleUser, SlackFault, SlackMessageRecord } from './double.js';

export interface StartSlackDoubleOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** The bot token the double accepts (default `xoxb-test-token`). */
  token?: string;
  teamId?: string;
  /** Channels the bot is in (default `C0APPROVALS`). */
  channels?: string[];
  users?: SlackDoubleUser[];
}

export async function startSlackDouble(options: StartSlackDoubleOptions = {}): Promise<SlackDouble> {
  const double = new SlackDouble(options.token ?? 'xoxb-test-token', options.teamId ?? 'T0TEST');
  for (const channel of options.channels ?? ['C0APPROVALS']) double.addChannel(channel);
  for (const user of options.users ?? []) double.addUser(user);
  const server = createServer((req, res) => {
    double
      .handle(req)
      .then((reply) => {
        const status = reply.status ?? 200;
        double.calls.push({
          method: reply.method,
          args: reply.args,
          status,
          ok: reply.json.ok === true,
          ...(typeof reply.json.error === 'string' ? { error: reply.json.error } : {}),
          authorized: reply.authorized,
        });
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
        res.end(JSON.stringify(reply.json));
      })
      .catch((error: unknown) => {
        console.error('Slack double: handler failed', error);
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
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  return double;
}
