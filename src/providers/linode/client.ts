import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';

/** Wire client for the Linode API v4 domains (WIRE.md in this folder): Bearer token, `{data, page, pages}` lists, `{errors}` failures. */
export const LINODE_API_BASE = 'https://api.linode.com/v4';
export const PAGE_SIZE = 500;

const domainSchema = z.object({ id: z.number(), domain: z.string() });
export type LinodeDomain = z.infer<typeof domainSchema>;

const recordSchema = z.object({ id: z.number(), type: z.string(), name: z.string(), target: z.string(), ttl_sec: z.optional(z.number()) });
export type LinodeRecord = z.infer<typeof recordSchema>;

const pageSchema = <T extends z.ZodMiniType>(item: T) => z.object({ data: z.array(item), page: z.number(), pages: z.number() });
const errorsSchema = z.object({ errors: z.array(z.object({ reason: z.optional(z.string()), field: z.optional(z.string()) })) });

export interface LinodeRecordBody {
  type: 'A' | 'AAAA';
  name: string;
  target: string;
  ttl_sec?: number;
}

export class LinodeClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly token: string,
    endpoint: string | undefined,
  ) {
    this.base = (endpoint ?? LINODE_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(page: number): Promise<{ items: LinodeDomain[]; page: number; pages: number }> {
    const answer = await this.call('GET', `/domains?page=${page}&page_size=${PAGE_SIZE}`, undefined, pageSchema(domainSchema), 'GET /domains');
    return { items: answer.data, page: answer.page, pages: answer.pages };
  }

  async listRecords(domainId: number, page: number): Promise<{ items: LinodeRecord[]; page: number; pages: number }> {
    const answer = await this.call('GET', `/domains/${domainId}/records?page=${page}&page_size=${PAGE_SIZE}`, undefined, pageSchema(recordSchema), 'GET /domains/{id}/records');
    return { items: answer.data, page: answer.page, pages: answer.pages };
  }

  createRecord(domainId: number, body: LinodeRecordBody): Promise<LinodeRecord> {
    return this.call('POST', `/domains/${domainId}/records`, body, recordSchema, 'POST /domains/{id}/records');
  }

  updateRecord(domainId: number, recordId: string, body: LinodeRecordBody): Promise<LinodeRecord> {
    return this.call('PUT', `/domains/${domainId}/records/${encodeURIComponent(recordId)}`, body, recordSchema, 'PUT /domains/{id}/records/{id}');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    const response = await this.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    const what = `Linode ${request}`;
    if (response.status >= 200 && response.status < 300) {
      const parsed = parseJsonAs(schema, response.text);
      if (parsed === undefined) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
      return parsed;
    }
    throw this.failure(response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const errors = parseJsonAs(errorsSchema, response.text)?.errors;
    if (errors === undefined) throwIfTransientStatus(response, what);
    const reasons = errors?.map((error) => (error.field ? `${error.field}: ${error.reason ?? '?'}` : (error.reason ?? '?'))).join('; ');
    const message = reasons ? `${reasons} (HTTP ${response.status})` : `HTTP ${response.status}, ${describeBody(response.text)}`;
    const secrets = [this.token];
    const status = response.status;
    if (status === 401) return providerErrorWithout(secrets, 'auth', `Linode rejected the token: ${message}; check token (Cloud Manager → My Profile → API Tokens)`, { status });
    if (status === 403) return providerErrorWithout(secrets, 'auth', `Linode refused the token: ${message}; give token the Domains read/write scope (Cloud Manager → My Profile → API Tokens)`, { status });
    if (status === 429) return providerErrorWithout(secrets, 'rate-limit', `${what}: rate limited: ${message}`, { status });
    if (status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${message}`, { status });
    if (status === 404) return providerErrorWithout(secrets, 'not-found', `${what}: not found: ${message}`, { status });
    if (errors === undefined) return providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (${message})`, { status });
    return providerErrorWithout(secrets, 'config', `${what} refused: ${message}`, { status });
  }
}
