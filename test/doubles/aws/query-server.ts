// A local AWS Query-protocol endpoint (form-encoded POST → XML) on 127.0.0.1, shared by the EC2 and STS doubles:
// request log, and faults for the next N requests (5xx, throttling, hung or dropped connections).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface QueryRequest {
  action: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface QueryReply {
  status: number;
  xml: string;
}

export type QueryFault = 'server-error' | 'unavailable' | 'throttle' | 'hang' | 'drop';

export interface QueryServer {
  url: string;
  requests: QueryRequest[];
  /** The next `times` requests (only `action`'s, after letting `after` of them through, when given) get the fault. */
  failNext(fault: QueryFault, times: number, scope?: { action?: string; after?: number }): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface QueryServerOptions {
  handle(request: QueryRequest): QueryReply;
  /** The service's error XML for a fault (EC2 and STS shape errors differently). */
  faultReply(fault: Exclude<QueryFault, 'hang' | 'drop'>): QueryReply;
}

export async function startQueryServer(options: QueryServerOptions): Promise<QueryServer> {
  const requests: QueryRequest[] = [];
  const faults: { fault: QueryFault; remaining: number; action?: string; after: number }[] = [];
  const takeFault = (action: string) => {
    for (const fault of faults) {
      if (fault.remaining <= 0 || (fault.action && fault.action !== action)) continue;
      if (fault.after > 0) {
        fault.after -= 1;
        continue;
      }
      fault.remaining -= 1;
      return fault;
    }
    return undefined;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const request = { action: params.get('Action') ?? '', params, headers: req.headers };
      requests.push(request);
      const fault = takeFault(request.action);
      if (fault?.fault === 'hang') return;
      if (fault?.fault === 'drop') {
        req.socket.destroy();
        return;
      }
      let reply: QueryReply;
      try {
        reply = fault ? options.faultReply(fault.fault) : options.handle(request);
      } catch (err) {
        reply = { status: 500, xml: `<Error>${String(err)}</Error>` };
      }
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': `double-${requests.length}` });
      res.end(reply.xml);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext(fault, times, scope = {}) {
      faults.push({
        fault,
        remaining: times,
        after: scope.after ?? 0,
        ...(scope.action ? { action: scope.action } : {}),
      });
    },
    clearFaults() {
      faults.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

export const xmlEscape = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
