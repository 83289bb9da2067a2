import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';

/** Wire client for DNSimple API v2 (WIRE.md in this folder): Bearer token, `{data, pagination}` answers. */
export const DNSIMPLE_API_BASE = 'https://api.dnsimple.com';
export const ZONES_PER_PAGE = 100;

const paginationSchema = z.object({ current_page: z.number(), total_pages: z.number() });
const successSchema = z.object({ data: z.unknown(), pagination: z.optional(paginationSchema) });
const errorSchema = z.object({ message: z.string(), errors: z.optional(z.unknown()) });

const whoamiSchema = z.object({ account: z.nullable(z.object({ id: z.number() })) });
const zoneSchema = z.object({ id: z.number(), name: z.string().check(z.minLength(1)) });
export type DnsimpleZone = z.infer<typeof zoneSchema>;

const recordSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  content: z.string(),
  ttl: z.optional(z.number()),
});
export type DnsimpleRecord = z.infer<typeof recordSchema>;

export interface DnsimpleClientOptions {
  http: HttpClient;
  apiToken: string;
  accountId: string | undefined;
  endpoint: string | undefined;
}

const TOKEN_HINT = 'check api_token (DNSimple → Account → Access tokens)';

export class DnsimpleClient {
  private readonly base: string;
  private account: Promise<string> | undefined;

  constructor(private readonly options: DnsimpleClientOptions) {
    this.base = (options.endpoint ?? DNSIMPLE_API_BASE).replace(/\/+$/, '');
    if (options.accountId !== undefined) this.account = Promise.resolve(options.accountId);
  }

  /** The configured account id, or the token's account from GET /v2/whoami (asked once). */
  accountId(): Promise<string> {
    this.account ??= this.whoami().catch((error: unknown) => {
      this.account = undefined;
      throw error;
    });
    return this.account;
  }

  private async whoami(): Promise<string> {
    const { data } = await this.call('GET', '/v2/whoami', undefined, whoamiSchema, 'GET /v2/whoami');
    if (data.account === null) {
      throw new ProviderError('config', 'DNSimple: the token is a user token, not bound to an account; set account_id (the number in the dashboard URL)');
    }
    return String(data.account.id);
  }

  async listZones(page: number): Promise<{ items: DnsimpleZone[]; totalPages: number | undefined }> {
    const account = await this.accountId();
    const { data, pagination } = await this.call('GET', `/v2/${account}/zones?page=${page}&per_page=${ZONES_PER_PAGE}`, undefined, z.array(zoneSchema), 'GET /v2/…/zones');
    return { items: data, totalPages: pagination?.total_pages };
  }

  async listRecords(zone: string, name: string, type: string): Promise<DnsimpleRecord[]> {
    const account = await this.accountId();
    const query = new URLSearchParams({ name, type, per_page: '100' });
    const path = `/v2/${account}/zones/${encodeURIComponent(zone)}/records?${query.toString()}`;
    return (await this.call('GET', path, undefined, z.array(recordSchema), 'GET /v2/…/zones/…/records')).data;
  }

  async createRecord(zone: string, body: { name: string; type: string; content: string; ttl: number }): Promise<DnsimpleRecord> {
    const account = await this.accountId();
    return (await this.call('POST', `/v2/${account}/zones/${encodeURIComponent(zone)}/records`, body, recordSchema, 'POST /v2/…/zones/…/records')).data;
  }

  async updateRecord(zone: string, id: string, body: { content: string; ttl?: number }): Promise<DnsimpleRecord> {
    const account = await this.accountId();
    const path = `/v2/${account}/zones/${encodeURIComponent(zone)}/records/${encodeURIComponent(id)}`;
    return (await this.call('PATCH', path, body, recordSchema, 'PATCH /v2/…/zones/…/records/…')).data;
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<{ data: z.output<S>; pagination: z.infer<typeof paginationSchema> | undefined }> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { Authorization: `Bearer ${this.options.apiToken}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    const what = `DNSimple ${request}`;
    if (response.status >= 300) throw this.failure(response, what);
    const envelope = parseJsonAs(successSchema, response.text);
    const data = envelope === undefined ? undefined : schema.safeParse(envelope.data);
    if (envelope === undefined || data === undefined || !data.success) {
      throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    }
    return { data: data.data, pagination: envelope.pagination };
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const answer = parseJsonAs(errorSchema, response.text);
    if (answer === undefined) throwIfTransientStatus(response, what);
    const message = answer === undefined ? `HTTP ${status}, ${describeBody(response.text)}` : `${answer.message} (HTTP ${status})`;
    const fail = (kind: ProviderErrorKind, text: string) => providerErrorWithout([this.options.apiToken], kind, text, { status, retryAfterMs });
    if (status === 401 || status === 403) return fail('auth', `DNSimple rejected the token: ${message}; ${TOKEN_HINT}`);
    if (status === 429) return fail('rate-limit', `${what}: rate limited (2400 requests per hour): ${message}`);
    if (status >= 500) return fail('transient', `${what}: server error: ${message}`);
    if (answer === undefined) return fail('protocol', `${what}: unexpected answer (${message}); is endpoint right?`);
    if (status === 404) return fail('not-found', `${what}: ${message}; check account_id and that the zone is in this DNSimple account`);
    return fail('config', `${what} refused: ${message}`);
  }
}
