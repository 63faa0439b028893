import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AttachmentError, fetchAttachment } from '../../../src/workflow/self-service/fetch-attachment.js';

type Route = (path: string) => { status: number; body?: Buffer | string; headers?: Record<string, string> };

async function serve(route: Route, seen: IncomingHttpHeaders[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const reply = route(req.url ?? '/');
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('self-service › downloading an issue attachment', () => {
  const githubSeen: IncomingHttpHeaders[] = [];
  const otherSeen: IncomingHttpHeaders[] = [];
  let github: { server: Server; origin: string };
  let other: { server: Server; origin: string };

  beforeAll(async () => {
    other = await serve(() => ({ status: 200, body: 'stolen' }), otherSeen);
    github = await serve((path) => {
      if (path === '/user-attachments/files/1/users.csv') return { status: 200, body: 'email\na@b.co\n' };
      if (path === '/user-attachments/files/2/users.csv')
        return { status: 302, headers: { location: '/storage/2.csv' } };
      if (path === '/storage/2.csv') return { status: 200, body: 'moved\n' };
      if (path === '/user-attachments/files/3/users.csv')
        return { status: 302, headers: { location: `${other.origin}/x.csv` } };
      if (path === '/user-attachments/files/4/users.csv') return { status: 200, body: 'x'.repeat(2000) };
      if (path === '/user-attachments/files/5/users.csv') return { status: 200, body: Buffer.from([0xff, 0xfe, 0x41]) };
      return { status: 404 };
    }, githubSeen);
  });
  afterAll(async () => {
    for (const { server } of [github, other]) await new Promise((resolve) => server.close(resolve));
  });

  const get = (id: number, maxBytes?: number) =>
    fetchAttachment({
      url: `${github.origin}/user-attachments/files/${id}/users.csv`,
      webOrigin: github.origin,
      token: 'ghs_secret',
      ...(maxBytes && { maxBytes }),
    });

  it('reads the file with the installation token; follows a redirect on the same host', async () => {
    expect(await get(1)).toBe('email\na@b.co\n');
    expect(githubSeen.at(-1)?.authorization).toBe('token ghs_secret');
    expect(await get(2)).toBe('moved\n');
  });

  it('a redirect to another host is refused before anything is sent there', async () => {
    await expect(get(3)).rejects.toThrow(
      new AttachmentError(`the download redirects to ${other.origin}, which is not GitHub`),
    );
    expect(otherSeen).toHaveLength(0);
  });

  it('too large, not UTF-8 or missing › a clear error, never a silent cut', async () => {
    await expect(get(4, 1000)).rejects.toThrow(
      /users\.csv is (larger than 1000 bytes|2000 bytes; at most 1000 are read)/,
    );
    await expect(get(5)).rejects.toThrow('is not UTF-8 text');
    await expect(get(9)).rejects.toThrow('GitHub answered 404');
  });
});
