import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
}

/**
 * A fault injected before the normal handler runs: `reset` drops the connection, `hang` never
 * answers, `reply` sends a canned answer. `times` faults are served, then the server is healthy.
 */
export type Fault = { kind: 'reset' } | { kind: 'hang' } | { kind: 'reply'; reply: FakeReply };

export type FakeHandler = (request: SeenRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Requests whose method is not GET/HEAD. */
  writes(): SeenRequest[];
  injectFault(fault: Fault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 with a random port; tests reach providers through it. */
export async function startFakeServer(handler: FakeHandler, host = '127.0.0.1'): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const fault = faults.shift();
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') return;
      const replyPromise = fault?.kind === 'reply' ? Promise.resolve(fault.reply) : Promise.resolve(handler(seen));
      replyPromise
        .then((reply) => {
          const body = typeof reply.body === 'string' || reply.body === undefined ? (reply.body ?? '') : JSON.stringify(reply.body);
          const contentType = typeof reply.body === 'object' ? 'application/json' : 'text/plain; charset=utf-8';
          // A buffered body goes out with its length, as most servers send it: some clients
          // (ddclient 3.10 without curl) cannot read a chunked answer.
          res.writeHead(reply.status ?? 200, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...reply.headers });
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`fake server handler failed: ${String(error)}`);
        });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    requests,
    writes: () => requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD'),
    injectFault(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
