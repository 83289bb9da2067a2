import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpClient } from '../../src/http/client.js';
import { exchangeOverSocket, MalformedAnswerError, type SocketRequest } from '../../src/http/socket-transport.js';
import { LOCALHOST_CERT, LOCALHOST_KEY } from '../helpers/tls-fixture.js';

/**
 * src/http/socket-transport.ts against raw TCP servers on 127.0.0.1 that write each answer byte
 * by byte as the test scripts it: the framings RFC 9112 allows, answers cut short, garbage, and
 * servers that never close or never answer. TLS against node:https with a test certificate.
 */

interface RawServer {
  url: string;
  /** The request heads the server received. */
  requests: string[];
  /** Resolves once the server has seen a connection close. */
  closedConnection: Promise<void>;
}

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
});

/** A server that runs `answer` on each connection once the request head (and its body, if any) has arrived. */
async function rawServer(answer: (socket: net.Socket, request: string) => unknown, host = '127.0.0.1'): Promise<RawServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  let closed!: () => void;
  const closedConnection = new Promise<void>((resolve) => (closed = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => (sockets.delete(socket), closed()));
    socket.on('error', () => undefined);
    let text = '';
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? 0);
      if (end < 0 || text.length < end + 4 + length || answered) return;
      answered = true;
      requests.push(text);
      void answer(socket, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  stoppers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v4?x=1`, requests, closedConnection };
}

/** Writes `text` one byte per write, with a pause now and then, so that every boundary falls inside a read. */
async function trickle(socket: net.Socket, text: string): Promise<void> {
  for (let index = 0; index < text.length; index++) {
    socket.write(text[index]!, 'latin1');
    if (index % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

function request(url: string, overrides: Partial<SocketRequest> = {}): SocketRequest {
  return { url: new URL(url), method: 'GET', headers: { 'User-Agent': 'ddns-test' }, body: undefined, family: undefined, signal: new AbortController().signal, maxBodyBytes: 1024 * 1024, ...overrides };
}

describe('the socket transport (one HTTP/1.1 exchange over node:net / node:tls)', () => {
  it('sends one request head with Host and Connection: close and reads a Content-Length answer without waiting for the close', async () => {
    const server = await rawServer((socket) => {
      // Left open on purpose: the answer is complete at its Content-Length.
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 12\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-Empty:\r\n\r\n81.2.69.160\n');
    });
    const answer = await exchangeOverSocket(request(server.url));
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('81.2.69.160\n');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(answer.headers.get('x-empty')).toBe('');
    const port = new URL(server.url).port;
    expect(server.requests).toEqual([`GET /v4?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: ddns-test\r\nConnection: close\r\n\r\n`]);
    await server.closedConnection;
  });

  it('decodes a chunked body that arrives a byte at a time, with chunk extensions and trailers', async () => {
    const server = await rawServer((socket) =>
      trickle(socket, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\n81.2.\r\na\r\n69.160\nxyz\r\n0\r\nX-Trailer: 1\r\n\r\n'),
    );
    const answer = await exchangeOverSocket(request(server.url));
    expect(answer.body.toString()).toBe('81.2.69.160\nxyz');
  });

  it('reads to the end of the connection when the answer has neither length nor chunks (HTTP/1.0 style)', async () => {
    const server = await rawServer(async (socket) => {
      await trickle(socket, 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n2001:db8::1\n');
      socket.end();
    });
    expect((await exchangeOverSocket(request(server.url))).body.toString()).toBe('2001:db8::1\n');
  });

  it('skips interim 1xx answers (103 Early Hints) and has no body for 204 and 304', async () => {
    const hinted = await rawServer((socket) => socket.write('HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    expect(await exchangeOverSocket(request(hinted.url))).toMatchObject({ status: 200 });
    expect((await exchangeOverSocket(request(hinted.url))).headers.get('link')).toBeUndefined();
    for (const status of [204, 304]) {
      const empty = await rawServer((socket) => socket.write(`HTTP/1.1 ${status} Nothing\r\nContent-Length: 50\r\n\r\n`));
      const answer = await exchangeOverSocket(request(empty.url));
      expect([answer.status, answer.body.length]).toEqual([status, 0]);
    }
  });

  it('cuts the body at the limit and stops reading there, whatever the framing', async () => {
    const long = 'x'.repeat(100_000);
    const framings = [
      `HTTP/1.1 200 OK\r\nContent-Length: ${long.length}\r\n\r\n${long}`,
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n${long.length.toString(16)}\r\n${long}\r\n0\r\n\r\n`,
      `HTTP/1.1 200 OK\r\n\r\n${long}`,
    ];
    for (const framing of framings) {
      // Never closed and never finished for the last two: only the limit ends them.
      const server = await rawServer((socket) => socket.write(framing.slice(0, framing.length - 10)));
      const answer = await exchangeOverSocket(request(server.url, { maxBodyBytes: 10 }));
      expect(answer.body.length).toBe(10);
    }
  });

  it('sends a body with its Content-Length', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'));
    const answer = await exchangeOverSocket(request(server.url, { method: 'POST', body: '{"ip":"81.2.69.160"}' }));
    expect(answer.status).toBe(201);
    expect(server.requests[0]).toMatch(/^POST \/v4\?x=1 HTTP\/1\.1\r\n[^]*\r\nContent-Length: 20\r\nConnection: close\r\n\r\n\{"ip":"81\.2\.69\.160"\}$/);
  });

  it.each([
    ['an SSH banner', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', 'not an HTTP/1.1 answer'],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'not an HTTP/1.1 answer'],
    ['a status of 600', 'HTTP/1.1 600 Nope\r\n\r\n', 'not an HTTP/1.1 answer'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n', 'malformed header line'],
    ['a chunk size that is not hexadecimal', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'malformed chunk size'],
    ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n', 'malformed chunk'],
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n81.2.69.160\n', 'malformed Content-Length'],
    ['headers that never end', `HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(20_000)}`, 'answer headers too large'],
  ])('refuses %s with a one-line reason', async (_what, text, reason) => {
    const server = await rawServer((socket) => socket.write(text));
    const failure = exchangeOverSocket(request(server.url));
    await expect(failure).rejects.toThrow(MalformedAnswerError);
    await expect(failure).rejects.toThrow(new RegExp(`^${reason}$`));
  });

  it.each([
    ['before any answer', '', 'socket hang up'],
    ['inside the head', 'HTTP/1.1 200 OK\r\nContent-Le', 'socket hang up'],
    ['before the whole Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n81.2', 'connection closed before the whole body arrived'],
    ['inside a chunked body', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n81.2.', 'connection closed inside a chunked body'],
  ])('refuses an answer whose connection closed %s', async (_where, text, reason) => {
    const server = await rawServer((socket) => socket.end(text));
    const failure = exchangeOverSocket(request(server.url));
    await expect(failure).rejects.toThrow(reason);
    // Like node:http: a connection that closed before any answer head is ECONNRESET.
    if (reason === 'socket hang up') await expect(failure).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('gives up when its signal aborts, and closes the connection', async () => {
    const server = await rawServer(() => undefined);
    const controller = new AbortController();
    const pending = exchangeOverSocket(request(server.url, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow('aborted');
    await server.closedConnection;
    await expect(exchangeOverSocket(request(server.url, { signal: AbortSignal.abort() }))).rejects.toThrow('aborted');
  });

  it('passes the socket error on (nothing listening: ECONNREFUSED), and reaches [::1] when asked for IPv6', async () => {
    const gone = await rawServer(() => undefined);
    await Promise.all(stoppers.splice(0).map((stop) => stop()));
    await expect(exchangeOverSocket(request(gone.url))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const six = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n2001:db8::1'), '::1');
    expect((await exchangeOverSocket(request(six.url, { family: 6 }))).body.toString()).toBe('2001:db8::1');
    expect(six.requests[0]).toContain(`\r\nHost: [::1]:${new URL(six.url).port}\r\n`);
  });

  it('through createHttpClient: the same answers and errors as the other transports', async () => {
    const client = createHttpClient({ timeoutMs: 300, transport: 'socket', maxBodyBytes: 5 });
    const server = await rawServer((socket) => socket.write('HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nbusy'));
    await expect(client.request({ url: server.url })).rejects.toMatchObject({ kind: 'transient', retryAfterMs: 7000 });
    const answer = await client.request({ url: server.url, acceptAnyStatus: true });
    expect([answer.status, answer.headers.get('Retry-After'), answer.text]).toEqual([503, '7', 'busy']);
    const silent = await rawServer(() => undefined);
    await expect(client.request({ url: silent.url })).rejects.toThrow(/^127\.0\.0\.1:\d+\/v4: no answer within 0\.3s$/);
    const garbage = await rawServer((socket) => socket.end('hello\r\n\r\n'));
    await expect(client.request({ url: garbage.url })).rejects.toThrow(/^127\.0\.0\.1:\d+\/v4: not an HTTP\/1\.1 answer$/);
    const long = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n81.2.69.160'));
    expect((await client.request({ url: long.url })).text).toBe('81.2.');
  });

  describe('over TLS', () => {
    let dir: string;
    let port: number;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ddns-tls-'));
      await writeFile(join(dir, 'ca.pem'), LOCALHOST_CERT);
      const server = https.createServer({ cert: LOCALHOST_CERT, key: LOCALHOST_KEY }, (incoming, outgoing) => {
        outgoing.setHeader('Content-Type', 'text/plain');
        outgoing.end(`81.2.69.160 ${incoming.headers.host}\n`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      stop = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterAll(async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    });

    /**
     * The exchange in a child Node (NODE_EXTRA_CA_CERTS works only at start): prints the body, or
     * the error's code. Built files only: the child imports dist/src/http/socket-transport.js.
     */
    function inChild(url: string, trust: boolean): Promise<string> {
      const module = fileURLToPath(new URL('../../src/http/socket-transport.js', import.meta.url));
      const script = `import(${JSON.stringify(module)}).then((m) => m.exchangeOverSocket({ url: new URL(${JSON.stringify(url)}), method: 'GET', headers: {}, body: undefined, family: 4, signal: new AbortController().signal, maxBodyBytes: 1024 }))
        .then((a) => process.stdout.write(a.status + ' ' + a.body.toString()), (e) => process.stdout.write('error ' + (e.code ?? e.message)));`;
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: trust ? join(dir, 'ca.pem') : '' };
      return new Promise((resolve, reject) => execFile(process.execPath, ['--input-type=module', '-e', script], { env }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
    }

    it('verifies the certificate against the URL name (SNI included) and reads the answer', async () => {
      expect(await inChild(`https://localhost:${port}/`, true)).toBe(`200 81.2.69.160 localhost:${port}\n`);
    });

    it('refuses a certificate nobody vouches for, and one for another name', async () => {
      expect(await inChild(`https://localhost:${port}/`, false)).toBe('error DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(await inChild(`https://127.0.0.1:${port}/`, true)).toBe('error ERR_TLS_CERT_ALTNAME_INVALID');
    });
  });
});
