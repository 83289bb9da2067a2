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
  body?: string | Buffer | object;
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
  /** Headers added to every answer, e.g. a `Date` some minutes off to play a server with another clock. */
  replyHeaders: Record<string, string>;
  /** Requests whose method is not GET/HEAD. */
  writes(): SeenRequest[];
  injectFault(fault: Fault, times?: number): void;
  clearFaults(): void;
  /** The most requests that were ever waiting for their answer at the same time. */
  maxInFlight(): number;
  /**
   * From now on, holds each answer until `count` requests are waiting (then answers them all),
   * or until `fallbackMs` has passed for a request that no others joined. A client that sends
   * its requests concurrently reaches `count` in flight; one that sends them one at a time never
   * has more than one.
   */
  gatherAnswers(count: number, fallbackMs: number): void;
  /** Holds the answers to requests matching `matches` until `release()` (then answers them). */
  holdAnswers(matches: (request: SeenRequest) => boolean): { release(): void };
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 with a random port; tests reach providers through it. */
export async function startFakeServer(handler: FakeHandler, host = '127.0.0.1'): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const faults: Fault[] = [];
  const replyHeaders: Record<string, string> = {};
  const sockets = new Set<import('node:net').Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let gathering: { count: number; fallbackMs: number; waiting: (() => void)[] } | undefined;
  const holds: { matches: (request: SeenRequest) => boolean; released: Promise<void> }[] = [];
  const gathered = (): Promise<void> => {
    const gather = gathering;
    if (gather === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(release, gather.fallbackMs);
      function release(): void {
        clearTimeout(timer);
        resolve();
      }
      gather.waiting.push(release);
      if (gather.waiting.length >= gather.count) for (const waiting of gather.waiting.splice(0)) waiting();
    });
  };
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
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => {
        inFlight -= 1;
      });
      const fault = faults.shift();
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') return;
      const held = holds.filter((hold) => hold.matches(seen)).map((hold) => hold.released);
      const replyPromise = Promise.all([...held, gathered()]).then(() => (fault?.kind === 'reply' ? fault.reply : handler(seen)));
      replyPromise
        .then((reply) => {
          // Bytes go out as they are: a fake of a service that answers in another charset (GBK) encodes its own.
          const body = Buffer.isBuffer(reply.body) ? reply.body : typeof reply.body === 'string' || reply.body === undefined ? (reply.body ?? '') : JSON.stringify(reply.body);
          const contentType = Buffer.isBuffer(reply.body) ? 'application/octet-stream' : typeof reply.body === 'object' ? 'application/json' : 'text/plain; charset=utf-8';
          // A buffered body goes out with its length, as most servers send it: some clients
          // (ddclient 3.10 without curl) cannot read a chunked answer.
          res.writeHead(reply.status ?? 200, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...replyHeaders, ...reply.headers });
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
    replyHeaders,
    writes: () => requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD'),
    injectFault(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    maxInFlight: () => maxInFlight,
    gatherAnswers(count, fallbackMs) {
      gathering = { count, fallbackMs, waiting: [] };
    },
    holdAnswers(matches) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ matches, released });
      return { release };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
