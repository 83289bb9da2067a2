import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer } from '../json-api.js';
import type { Page } from '../zones.js';

/** Wire client for the Spaceship API (WIRE.md in this folder): key and secret headers, take/skip paging. */
export const SPACESHIP_API_BASE = 'https://spaceship.dev/api/v1';
export const DOMAINS_PER_PAGE = 100;
export const RECORDS_PER_PAGE = 500;

const CREDENTIALS_HINT = 'check api_key and api_secret and that the key has the domains:read, dnsrecords:read and dnsrecords:write permissions (Spaceship → API Manager)';

const domainSchema = z.object({ name: z.string().check(z.minLength(1)), unicodeName: z.optional(z.string()) });
export type SpaceshipDomain = z.infer<typeof domainSchema>;
/** Records of other types carry other fields than `address`: only A and AAAA are read. */
const recordSchema = z.object({ type: z.string(), name: z.string(), address: z.optional(z.string()), ttl: z.optional(z.number()) });
export type SpaceshipRecord = z.infer<typeof recordSchema>;
const listSchema = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), total: z.number() });
const domainListSchema = listSchema(domainSchema);
const recordListSchema = listSchema(recordSchema);
const errorSchema = z.object({ detail: z.optional(z.string()), data: z.optional(z.array(z.object({ field: z.optional(z.string()), details: z.optional(z.string()) }))) });

/** One item of PUT /dns/records/{domain}: `name` relative, "@" for the apex. */
export interface RecordItem {
  type: string;
  name: string;
  address: string;
  ttl: number;
}

export interface SpaceshipClientOptions {
  http: HttpClient;
  apiKey: string;
  apiSecret: string;
  endpoint: string | undefined;
}

/** The next `skip` of a take/skip listing: more follow while fewer than `total` were read. */
function nextSkip<T>(skip: number, items: readonly T[], total: number): Page<T, number> {
  const read = skip + items.length;
  return { items, next: read < total ? read : undefined };
}

export class SpaceshipClient {
  private readonly base: string;

  constructor(private readonly options: SpaceshipClientOptions) {
    this.base = (options.endpoint ?? SPACESHIP_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(skip: number): Promise<Page<SpaceshipDomain, number>> {
    const answer = readJsonAnswer(domainListSchema, await this.send('GET', `/domains?take=${DOMAINS_PER_PAGE}&skip=${skip}`, undefined, 'GET /domains'), 'Spaceship GET /domains');
    return nextSkip(skip, answer.items, answer.total);
  }

  async listRecords(domain: string, skip: number): Promise<Page<SpaceshipRecord, number>> {
    const what = 'GET /dns/records/{domain}';
    const answer = readJsonAnswer(recordListSchema, await this.send('GET', `/dns/records/${encodeURIComponent(domain)}?take=${RECORDS_PER_PAGE}&skip=${skip}`, undefined, what), `Spaceship ${what}`);
    return nextSkip(skip, answer.items, answer.total);
  }

  /** Sets the records of each item's name and type (`force` overwrites the ones there); Spaceship answers 204. */
  async putRecords(domain: string, items: readonly RecordItem[]): Promise<void> {
    const what = 'PUT /dns/records/{domain}';
    const response = await this.send('PUT', `/dns/records/${encodeURIComponent(domain)}`, { force: true, items }, what);
    if (response.status !== 204) {
      throw new ProviderError('protocol', `Spaceship ${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
    }
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { 'X-API-Key': this.options.apiKey, 'X-API-Secret': this.options.apiSecret, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    if (response.status >= 400) throw this.failure(response, `Spaceship ${request}`);
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const details = (error?.data ?? []).map((item) => [item.field, item.details].filter(Boolean).join(': ')).filter((text) => text !== '');
    const detail = error?.detail === undefined || error.detail === '' ? undefined : error.detail;
    const code = response.headers.get('spaceship-error-code') ?? undefined;
    const text = [detail, ...details].filter((part) => part !== undefined).join('; ');
    const said = text === '' ? describeBody(response.text) : `${text}${code === undefined ? '' : ` (${code})`}`;
    const secrets = [this.options.apiKey, this.options.apiSecret];
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout(secrets, kind, message, { status, code, retryAfterMs });
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said}); Spaceship allows 300 requests per 300 seconds`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401 || status === 403) return fail('auth', `Spaceship rejected the API key (HTTP ${status}, ${said}): ${CREDENTIALS_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this Spaceship account and uses Spaceship's name servers`);
    if (error === undefined || text === '') return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
