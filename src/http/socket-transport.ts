/**
 * One HTTP/1.1 exchange written straight to a node:net / node:tls socket: the IP detection's GET
 * of every run, where node:http's client (its agent, parser and streams) cost a no-change run more
 * than the request itself (docs/design/startup.md). It sends `Connection: close` and reads one
 * answer: a status line, headers, and a body delimited by Content-Length, chunked transfer coding
 * or the end of the connection. No redirects, no compression, no keep-alive, no proxy (a proxied
 * request goes through node-fetch), like the node:http transport it stands in for.
 */
import net from 'node:net';
import { requireBuiltin } from './require-builtin.js';

/** What a header block may take before the answer is refused (node:http's default limit). */
const MAX_HEADER_BYTES = 16 * 1024;

export interface SocketRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  family: 4 | 6 | undefined;
  signal: AbortSignal;
  /** The body is cut here; the connection is closed once this much has arrived. */
  maxBodyBytes: number;
}

export interface SocketAnswer {
  status: number;
  /** Header values by lower-cased name, repeated ones joined with ", " as fetch joins them. */
  headers: Map<string, string>;
  body: Buffer;
}

/** An answer that is not HTTP/1.x as RFC 9112 writes it. */
export class MalformedAnswerError extends Error {}

/** The connection closed before a whole answer head: what node:http calls "socket hang up". */
function hangUp(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

function connect(request: SocketRequest): net.Socket {
  const { url, family } = request;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const options = { host, port, ...(family === undefined ? {} : { family }) };
  if (!secure) return net.connect(options);
  // node:tls only for an https URL.
  const tls = requireBuiltin('node:tls') as typeof import('node:tls');
  // servername both for SNI and for the certificate's name check (never an IP address in SNI).
  return tls.connect({ ...options, ...(net.isIP(host) === 0 ? { servername: host } : {}) });
}

function requestHead(request: SocketRequest): string {
  const { url, method } = request;
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  if (request.body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(request.body)}`);
  lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

interface Head {
  status: number;
  headers: Map<string, string>;
  /** Bytes of the buffer the head took. */
  length: number;
}

/** The answer's head at the start of `bytes`, or undefined while it is incomplete. Skips 1xx interim answers. */
function parseHead(bytes: Buffer): Head | undefined {
  let offset = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', offset, 'latin1');
    if (end < 0) {
      if (bytes.length - offset > MAX_HEADER_BYTES) throw new MalformedAnswerError('answer headers too large');
      return undefined;
    }
    const [statusLine = '', ...fields] = bytes.toString('latin1', offset, end).split('\r\n');
    const status = /^HTTP\/1\.[01] ([1-5]\d\d)(?: |$)/.exec(statusLine);
    if (!status) throw new MalformedAnswerError('not an HTTP/1.1 answer');
    const headers = new Map<string, string>();
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon <= 0) throw new MalformedAnswerError('malformed header line');
      const name = field.slice(0, colon).trim().toLowerCase();
      const value = field.slice(colon + 1).trim();
      const known = headers.get(name);
      headers.set(name, known === undefined ? value : `${known}, ${value}`);
    }
    offset = end + 4;
    const code = Number(status[1]);
    if (code >= 200) return { status: code, headers, length: offset };
  }
}

type BodyProgress = { done: false } | { done: true; body: Buffer };

/** Decodes as much of a chunked body as has arrived; done at the last chunk (trailers are ignored) or at the limit. */
function dechunk(raw: Buffer, limit: number): BodyProgress {
  const parts: Buffer[] = [];
  let size = 0;
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset, 'latin1');
    if (lineEnd < 0) return { done: false };
    const sizeText = raw.toString('latin1', offset, lineEnd).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new MalformedAnswerError('malformed chunk size');
    const chunkSize = Number.parseInt(sizeText, 16);
    if (chunkSize === 0) return { done: true, body: Buffer.concat(parts) };
    const start = lineEnd + 2;
    const room = limit - size;
    if (chunkSize >= room) {
      if (raw.length < start + room) return { done: false };
      parts.push(raw.subarray(start, start + room));
      return { done: true, body: Buffer.concat(parts) };
    }
    if (raw.length < start + chunkSize + 2) return { done: false };
    if (raw.toString('latin1', start + chunkSize, start + chunkSize + 2) !== '\r\n') throw new MalformedAnswerError('malformed chunk');
    parts.push(raw.subarray(start, start + chunkSize));
    size += chunkSize;
    offset = start + chunkSize + 2;
  }
}

/** The body so far, by the framing the head announced; `ended` when the connection has closed. */
function bodyOf(head: Head, raw: Buffer, limit: number, ended: boolean): BodyProgress {
  if (head.status === 204 || head.status === 304) return { done: true, body: Buffer.alloc(0) };
  const coding = head.headers.get('transfer-encoding');
  if (coding !== undefined && /(?:^|,)\s*chunked\s*$/i.test(coding)) {
    const progress = dechunk(raw, limit);
    if (!progress.done && ended) throw new MalformedAnswerError('connection closed inside a chunked body');
    return progress;
  }
  const lengthText = head.headers.get('content-length');
  if (lengthText !== undefined) {
    if (!/^\d+$/.test(lengthText)) throw new MalformedAnswerError('malformed Content-Length');
    const length = Math.min(Number(lengthText), limit);
    if (raw.length >= length) return { done: true, body: raw.subarray(0, length) };
    if (ended) throw new MalformedAnswerError('connection closed before the whole body arrived');
    return { done: false };
  }
  if (raw.length >= limit) return { done: true, body: raw.subarray(0, limit) };
  return ended ? { done: true, body: raw } : { done: false };
}

/** Sends `request` and resolves with the whole answer (body cut at the limit); rejects with the socket's error. */
export function exchangeOverSocket(request: SocketRequest): Promise<SocketAnswer> {
  return new Promise<SocketAnswer>((resolve, reject) => {
    if (request.signal.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const socket = connect(request);
    let received: Buffer = Buffer.alloc(0);
    let head: Head | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      request.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      outcome();
    };
    const onAbort = () => finish(() => reject(new Error('aborted')));
    request.signal.addEventListener('abort', onAbort, { once: true });
    const advance = (ended: boolean) => {
      if (settled) return;
      try {
        if (head === undefined) {
          head = parseHead(received);
          if (head === undefined) {
            if (ended) throw hangUp();
            return;
          }
          received = received.subarray(head.length);
        }
        const progress = bodyOf(head, received, request.maxBodyBytes, ended);
        if (progress.done) {
          const { status, headers } = head;
          finish(() => resolve({ status, headers, body: progress.body }));
        }
      } catch (error) {
        finish(() => reject(error));
      }
    };
    // Written, not ended: a half-closed connection (or TLS close_notify) makes some servers hang up unanswered.
    const sent = Buffer.from(requestHead(request), 'latin1');
    socket.write(request.body === undefined ? sent : Buffer.concat([sent, Buffer.from(request.body)]));
    socket.on('data', (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      advance(false);
    });
    socket.on('end', () => advance(true));
    socket.on('close', () => advance(true));
    socket.on('error', (error) => finish(() => reject(error)));
  });
}
