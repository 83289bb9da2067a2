import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';

/** Wire client for the DNS.LA API (WIRE.md in this folder): Basic auth, a `{code, msg, data}` envelope. */
export const DNSLA_API_BASE = 'https://api.dns.la';
export const DOMAINS_PER_PAGE = 100;

/** DNS.LA numbers record types. */
export const TYPE_CODE = { A: 1, AAAA: 28 } as const;

const envelopeSchema = z.object({ code: z.number(), msg: z.optional(z.string()), data: z.unknown() });

const domainSchema = z.object({ id: z.string().check(z.minLength(1)), domain: z.string() });
export type DnslaDomain = z.infer<typeof domainSchema>;

const recordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  host: z.string(),
  type: z.number(),
  data: z.string(),
  ttl: z.optional(z.number()),
});
export type DnslaRecord = z.infer<typeof recordSchema>;

const listSchema = <T extends z.ZodMiniType>(item: T) => z.object({ total: z.number(), results: z.nullable(z.array(item)) });
const createdSchema = z.object({ id: z.string().check(z.minLength(1)) });

export interface DnslaClientOptions {
  http: HttpClient;
  apiId: string;
  apiSecret: string;
  endpoint: string | undefined;
}

export class DnslaClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(private readonly options: DnslaClientOptions) {
    this.base = (options.endpoint ?? DNSLA_API_BASE).replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.apiId}:${options.apiSecret}`).toString('base64')}`;
  }

  async listDomains(page: number): Promise<{ items: DnslaDomain[]; total: number }> {
    const data = await this.call('GET', `/api/domainList?pageIndex=${page}&pageSize=${DOMAINS_PER_PAGE}`, undefined, listSchema(domainSchema), 'GET /api/domainList');
    return { items: data.results ?? [], total: data.total };
  }

  /** `domain` is the zone's name, as DNS.LA's own client sends it (jeessy2/ddns-go PR #1484). */
  async listRecords(domain: string, host: string, type: keyof typeof TYPE_CODE): Promise<DnslaRecord[]> {
    const query = new URLSearchParams({ domain, host, type: String(TYPE_CODE[type]), pageIndex: '1', pageSize: '999' });
    const data = await this.call('GET', `/api/recordList?${query.toString()}`, undefined, listSchema(recordSchema), 'GET /api/recordList');
    return data.results ?? [];
  }

  async createRecord(body: { domainId: string; host: string; type: number; data: string; ttl: number }): Promise<string> {
    return (await this.call('POST', '/api/record', body, createdSchema, 'POST /api/record')).id;
  }

  async updateRecord(body: { id: string; host: string; type: number; data: string; ttl: number }): Promise<void> {
    await this.call('PUT', '/api/record', body, z.unknown(), 'PUT /api/record');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, what: string): Promise<z.output<S>> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { Authorization: this.authorization, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    return this.read(response, schema, `DNS.LA ${what}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined || envelope.code !== 200) {
      // The envelope's own code says more than the status, so it is read first; a 5xx or 429
      // without one (a proxy's page) is the server's word on retrying.
      if (envelope === undefined) throwIfTransientStatus(response, what);
      throw this.failure(response, envelope, what);
    }
    const data = schema.safeParse(envelope.data);
    if (!data.success) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    return data.data;
  }

  private failure(response: HttpResponse, envelope: z.infer<typeof envelopeSchema> | undefined, what: string): ProviderError {
    const code = envelope?.code ?? response.status;
    const message = envelope?.msg ? `${envelope.msg} (code ${code})` : `HTTP ${response.status}, ${describeBody(response.text)}`;
    const secrets = [this.options.apiSecret, this.options.apiId];
    if (code === 401 || code === 403 || response.status === 401 || response.status === 403) {
      return providerErrorWithout(secrets, 'auth', `DNS.LA rejected the API credentials: ${message}; check api_id and api_secret (DNS.LA console → API 密钥)`, { status: response.status, code });
    }
    if (code === 429 || response.status === 429) return providerErrorWithout(secrets, 'rate-limit', `${what}: rate limited: ${message}`, { status: response.status, code });
    if (code >= 500 || response.status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${message}`, { status: response.status, code });
    if (envelope === undefined) return providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (${message})`, { status: response.status });
    return providerErrorWithout(secrets, 'config', `${what} refused: ${message}`, { status: response.status, code });
  }
}
