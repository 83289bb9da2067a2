import * as z from 'zod/mini';
import { providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for Vultr API v2 DNS (domains and records). Wire facts: WIRE.md in this folder. */

export const VULTR_API_BASE = 'https://api.vultr.com/v2';

/** The most items Vultr returns per page. */
export const PER_PAGE = 500;

const metaSchema = z.object({
  total: z.optional(z.number()),
  links: z.optional(z.object({ next: z.optional(z.string()), prev: z.optional(z.string()) })),
});

const domainSchema = z.object({ domain: z.string().check(z.minLength(1)) });
export type VultrDomain = z.infer<typeof domainSchema>;

const recordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  type: z.string(),
  name: z.string(),
  data: z.string(),
  ttl: z.optional(z.number()),
});
export type VultrRecord = z.infer<typeof recordSchema>;

const domainsAnswer = z.object({ domains: z.array(domainSchema), meta: z.optional(metaSchema) });
const recordsAnswer = z.object({ records: z.array(recordSchema), meta: z.optional(metaSchema) });
const recordAnswer = z.object({ record: recordSchema });
const errorAnswer = z.object({ error: z.string() });

export interface VultrPage<T> {
  items: T[];
  /** The cursor of the next page; undefined on the last. */
  next: string | undefined;
}

export interface RecordBody {
  name: string;
  type: string;
  data: string;
  ttl: number;
}

const KEY_HINT = 'check api_key (Vultr console → Account → API) and that its access control allows this address';

export class VultrClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly apiKey: string,
    endpoint: string | undefined,
  ) {
    this.base = (endpoint ?? VULTR_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(cursor: string): Promise<VultrPage<VultrDomain>> {
    const answer = await this.call('GET', '/domains', domainsAnswer, { per_page: String(PER_PAGE), ...(cursor === '' ? {} : { cursor }) });
    return { items: answer.domains, next: nextCursor(answer.meta) };
  }

  async listRecords(domain: string, cursor: string): Promise<VultrPage<VultrRecord>> {
    const answer = await this.call('GET', `/domains/${encodeURIComponent(domain)}/records`, recordsAnswer, { per_page: String(PER_PAGE), ...(cursor === '' ? {} : { cursor }) });
    return { items: answer.records, next: nextCursor(answer.meta) };
  }

  async createRecord(domain: string, body: RecordBody): Promise<VultrRecord> {
    return (await this.call('POST', `/domains/${encodeURIComponent(domain)}/records`, recordAnswer, {}, body)).record;
  }

  async getRecord(domain: string, id: string): Promise<VultrRecord> {
    return (await this.call('GET', recordPath(domain, id), recordAnswer, {})).record;
  }

  /** PATCH answers 204 with no body: any other answer is not Vultr's, even a 2xx. */
  async updateRecord(domain: string, id: string, body: Partial<RecordBody>): Promise<void> {
    await this.call('PATCH', recordPath(domain, id), undefined, {}, body);
  }

  private async call<S extends z.ZodMiniType>(method: 'GET' | 'POST' | 'PATCH', path: string, schema: S, query: Record<string, string>, body?: object): Promise<z.output<S>>;
  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, schema: undefined, query: Record<string, string>, body?: object): Promise<undefined>;
  private async call<S extends z.ZodMiniType>(method: 'GET' | 'POST' | 'PATCH', path: string, schema: S | undefined, query: Record<string, string>, body?: object): Promise<z.output<S> | undefined> {
    const url = new URL(this.base + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await sendJson(this.http, { method, url: url.href, authorization: `Bearer ${this.apiKey}`, body });
    const request = `${method} ${path.replace(/\/records\/[^/]+$/, '/records/…')}`;
    this.throwIfFailed(response, request);
    if (schema !== undefined) return readJsonAnswer(schema, response, `Vultr ${request}`);
    if (response.status !== 204) {
      throw this.error('protocol', `Vultr ${request}: HTTP ${response.status} answer, not the 204 Vultr gives (${describeBody(response.text)}); is endpoint right?`, response.status);
    }
    return undefined;
  }

  private throwIfFailed(response: HttpResponse, request: string): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const message = parseJsonAs(errorAnswer, response.text)?.error;
    const said = message === undefined ? `HTTP ${status}` : `HTTP ${status}, ${message}`;
    if (status === 429 || status === 503) throw this.error(status === 429 ? 'rate-limit' : 'transient', `Vultr ${status === 429 ? 'rate limit reached' : 'unavailable'} (${said}) on ${request}`, status, retryAfterMs);
    if (status >= 500) throw this.error('transient', `Vultr server error (${said}) on ${request}`, status, retryAfterMs);
    if (status === 401 || status === 403) throw this.error('auth', `Vultr rejected the API key (${said}): ${KEY_HINT}`, status);
    if (status === 404) throw this.error('not-found', `Vultr ${request}: not found (${said}); check that the domain is in this Vultr account`, status);
    if (message === undefined && status !== 400) {
      throw this.error('protocol', `Vultr ${request}: HTTP ${status} answer is not a Vultr error (${describeBody(response.text)}); is endpoint right?`, status);
    }
    throw this.error('config', `Vultr refused ${request} (${said})`, status);
  }

  private error(kind: ProviderErrorKind, message: string, status: number, retryAfterMs?: number): ReturnType<typeof providerErrorWithout> {
    return providerErrorWithout([this.apiKey], kind, message, { status, retryAfterMs });
  }
}

function recordPath(domain: string, id: string): string {
  return `/domains/${encodeURIComponent(domain)}/records/${encodeURIComponent(id)}`;
}

/** `meta.links.next` is the next page's cursor; an empty string on the last page. */
function nextCursor(meta: z.infer<typeof metaSchema> | undefined): string | undefined {
  const next = meta?.links?.next;
  return next === undefined || next === '' ? undefined : next;
}
