import type http from 'node:http';
import { USER_AGENT } from '../version.js';
import { redact } from '../log/redact.js';
import { ProviderError } from './errors.js';
import { requireBuiltin } from './require-builtin.js';
import { exchangeOverSocket } from './socket-transport.js';

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Force the address family of the connection (IP detection). */
  family?: 4 | 6;
  /** Overrides the client's timeout. */
  timeoutMs?: number;
  /**
   * When false (default), 429 and 5xx answers throw a retryable ProviderError before the caller
   * sees them. Set true to read the provider's own error envelope from those answers first.
   */
  acceptAnyStatus?: boolean;
  /** Cancels the request (e.g. detection no longer needs a slow source's answer). */
  signal?: AbortSignal;
  /**
   * The character set the answer is written in, when it is not UTF-8 (West.cn answers in GBK):
   * decoded as UTF-8, a GBK trail byte 0x5C would turn into a backslash and break the JSON.
   */
  responseCharset?: 'gbk';
}

/** The answer's headers, by case-insensitive name (node-fetch's Headers is one). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  url: string;
}

export interface HttpClientOptions {
  timeoutMs: number;
  /** Proxy URL for this client's requests; undefined = direct. */
  proxy?: string | undefined;
  /** Largest body read; bigger answers are cut (hostile or broken servers). */
  maxBodyBytes?: number;
  debug?: (message: string) => void;
  /** Hears about every answer received (any status), e.g. to compare servers' Date headers with the local clock. */
  onResponse?: (response: ObservedResponse) => void;
  /**
   * 'socket' writes the requests that need no proxy straight to a node:net / node:tls socket
   * (socket-transport.ts) instead of node-fetch: the IP detection's one GET per run, where
   * loading node-fetch (and the web streams it pulls in), or node:http's client, cost more than
   * the request itself. Default 'node-fetch'.
   */
  transport?: 'node-fetch' | 'socket';
}

/** What `onResponse` is told: enough to compare clocks, never the body. */
export interface ObservedResponse {
  url: string;
  status: number;
  headers: ResponseHeaders;
  /** Local time (ms since the epoch) when the headers arrived. */
  receivedAt: number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Host and path only: what error messages name (no query string, which may carry tokens). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return redact(url);
  }
}

/** Throws the retryable error for a 429 or 5xx answer; returns for anything else. */
export function throwIfTransientStatus(response: HttpResponse, what = describeUrl(response.url)): void {
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ProviderError('rate-limit', `${what}: rate limited (HTTP 429)`, { status: 429, retryAfterMs });
  }
  if (response.status >= 500) {
    throw new ProviderError('transient', `${what}: server error (HTTP ${response.status})`, {
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
}

function networkReason(error: unknown): string {
  const err = error as { code?: string; errno?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.errno ?? err.cause?.code;
  return code ? String(code) : (err.message ?? 'network error');
}

// Loaded on first use, not at start: a run with nothing to change makes no request at all, and
// the proxy agents are needed only with a proxy.
const loadFetch = async () => (await import('node-fetch')).default;

/** True when the request goes through the proxy (a request with a forced family never does). */
function proxied(options: HttpClientOptions, family: 4 | 6 | undefined): boolean {
  return Boolean(options.proxy) && family === undefined;
}

// node:http and node:https load only for node-fetch's agents: the detection's GET goes over a socket.
const transportFor = (url: URL): typeof http | typeof import('node:https') =>
  requireBuiltin(url.protocol === 'https:' ? 'node:https' : 'node:http') as typeof http | typeof import('node:https');

async function agentFor(url: URL, options: HttpClientOptions, family: 4 | 6 | undefined): Promise<http.Agent> {
  if (options.proxy && proxied(options, family)) {
    if (url.protocol === 'https:') return new (await import('https-proxy-agent')).HttpsProxyAgent(options.proxy);
    return new (await import('http-proxy-agent')).HttpProxyAgent(options.proxy);
  }
  const agentOptions = { keepAlive: false, ...(family === undefined ? {} : { family }) };
  return new (transportFor(url).Agent)(agentOptions);
}

/** The socket transport's headers as ResponseHeaders. */
function headersOf(raw: Map<string, string>): ResponseHeaders {
  return {
    get: (name: string): string | null => raw.get(name.toLowerCase()) ?? null,
  };
}

interface RawAnswer {
  status: number;
  headers: ResponseHeaders;
  body: NodeJS.ReadableStream | Buffer | null;
}

async function readBody(body: NodeJS.ReadableStream | Buffer | null, limit: number, charset: 'utf-8' | 'gbk'): Promise<string> {
  if (!body) return '';
  if (Buffer.isBuffer(body)) return decoded(body.subarray(0, limit), charset);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const room = limit - size;
    if (buffer.length >= room) {
      chunks.push(buffer.subarray(0, room));
      break;
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return decoded(Buffer.concat(chunks), charset);
}

function decoded(bytes: Buffer, charset: 'utf-8' | 'gbk'): string {
  return charset === 'utf-8' ? bytes.toString('utf8') : new TextDecoder(charset).decode(bytes);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const method = request.method ?? 'GET';
      const url = new URL(request.url);
      const what = describeUrl(request.url);
      const timeoutMs = request.timeoutMs ?? options.timeoutMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      const cancel = () => controller.abort();
      request.signal?.addEventListener('abort', cancel, { once: true });
      const started = Date.now();
      options.debug?.(`HTTP ${method} ${redact(request.url)}`);
      try {
        const headers = { 'User-Agent': USER_AGENT, Accept: '*/*', ...request.headers };
        let response: RawAnswer;
        if (options.transport === 'socket' && !proxied(options, request.family)) {
          const answer = await exchangeOverSocket({ url, method, headers, body: request.body, family: request.family, signal: controller.signal, maxBodyBytes: maxBody });
          response = { status: answer.status, headers: headersOf(answer.headers), body: answer.body };
        } else {
          const fetch = await loadFetch();
          const answer = await fetch(url.href, {
            method,
            headers,
            body: request.body,
            agent: await agentFor(url, options, request.family),
            signal: controller.signal,
            redirect: 'manual',
          });
          response = { status: answer.status, headers: answer.headers, body: answer.body };
        }
        options.onResponse?.({ url: url.href, status: response.status, headers: response.headers, receivedAt: Date.now() });
        const text = await readBody(response.body, maxBody, request.responseCharset ?? 'utf-8');
        const result: HttpResponse = { status: response.status, headers: response.headers, text, url: url.href };
        options.debug?.(`HTTP ${method} ${what} -> ${response.status} in ${Date.now() - started}ms`);
        if (!request.acceptAnyStatus) throwIfTransientStatus(result, what);
        return result;
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        if (request.signal?.aborted) throw new ProviderError('transient', `${what}: cancelled`, { cause: error });
        if (controller.signal.aborted) {
          throw new ProviderError('transient', `${what}: no answer within ${Math.round(timeoutMs / 100) / 10}s`, {
            cause: error,
          });
        }
        throw new ProviderError('transient', `${what}: ${networkReason(error)}`, { cause: error });
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', cancel);
      }
    },
  };
}
