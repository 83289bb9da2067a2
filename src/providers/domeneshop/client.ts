import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for the Domeneshop API v0 (WIRE.md in this folder): HTTP Basic token:secret, JSON. */
export const DOMENESHOP_API_BASE = 'https://api.domeneshop.no/v0';

const CREDENTIALS_HINT = 'check token and secret (Domeneshop control panel → API: www.domeneshop.no/admin?view=api)';

const errorSchema = z.object({ code: z.optional(z.string()), help: z.optional(z.string()) });
const domainSchema = z.object({ id: z.number(), domain: z.string().check(z.minLength(1)), services: z.optional(z.object({ dns: z.optional(z.boolean()) })) });
export type DomeneshopDomain = z.infer<typeof domainSchema>;
const recordSchema = z.object({ id: z.number(), host: z.string(), type: z.string(), data: z.string(), ttl: z.optional(z.number()) });
export type DomeneshopRecord = z.infer<typeof recordSchema>;
const createdSchema = z.object({ id: z.number() });

/** The body of POST …/dns and PUT …/dns/{id}: the whole record, `host` relative ("@" for the apex). */
export interface RecordBody {
  host: string;
  type: string;
  data: string;
  ttl: number;
}

export interface DomeneshopClientOptions {
  http: HttpClient;
  token: string;
  secret: string;
  endpoint: string | undefined;
}

export class DomeneshopClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(private readonly options: DomeneshopClientOptions) {
    this.base = (options.endpoint ?? DOMENESHOP_API_BASE).replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.token}:${options.secret}`).toString('base64')}`;
  }

  /** The account's domains (one array, no paging); `includes` narrows them to names holding it. */
  async listDomains(includes?: string): Promise<DomeneshopDomain[]> {
    const query = includes === undefined ? '' : `?domain=${encodeURIComponent(includes)}`;
    return this.parse(await this.send('GET', `/domains${query}`, undefined, 'GET /domains'), z.array(domainSchema), 'GET /domains');
  }

  async listRecords(domainId: number, host: string, type: string): Promise<DomeneshopRecord[]> {
    const request = 'GET /domains/…/dns';
    const response = await this.send('GET', `/domains/${domainId}/dns?host=${encodeURIComponent(host)}&type=${encodeURIComponent(type)}`, undefined, request);
    return this.parse(response, z.array(recordSchema), request);
  }

  /** Creates the record; Domeneshop answers 201 with its id. */
  async createRecord(domainId: number, body: RecordBody): Promise<number> {
    const request = 'POST /domains/…/dns';
    const response = await this.send('POST', `/domains/${domainId}/dns`, body, request);
    const created = this.parse(response, createdSchema, request);
    if (response.status !== 201 && response.status !== 200) throw this.unexpected(response, request);
    return created.id;
  }

  /** Replaces the record (a full replacement, not a patch); Domeneshop answers 204 with no body. */
  async updateRecord(domainId: number, recordId: string, body: RecordBody): Promise<void> {
    const request = 'PUT /domains/…/dns/…';
    const response = await this.send('PUT', `/domains/${domainId}/dns/${encodeURIComponent(recordId)}`, body, request);
    if (response.status !== 204) throw this.unexpected(response, request);
  }

  private parse<S extends z.ZodMiniType>(response: HttpResponse, schema: S, request: string): z.output<S> {
    return readJsonAnswer(schema, response, `Domeneshop ${request}`);
  }

  private unexpected(response: HttpResponse, request: string): ProviderError {
    return new ProviderError('protocol', `Domeneshop ${request}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: this.authorization, body });
    if (response.status >= 400) throw this.failure(response, `Domeneshop ${request}`);
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const said = error === undefined ? describeBody(response.text) : [error.code, error.help].filter(Boolean).join(': ') || 'no message';
    const secrets = [this.options.secret, this.options.token, this.authorization.slice('Basic '.length)];
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout(secrets, kind, message, { status, code: error?.code, retryAfterMs });
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401) return fail('auth', `Domeneshop rejected the API credentials (HTTP 401, ${said}): ${CREDENTIALS_HINT}`);
    // A domain id outside the account answers 403 resource:unauthorized (WIRE.md, Errors).
    if (status === 403) return fail('auth', `Domeneshop denied access (HTTP 403, ${said}): the domain is not in the account of this token; ${CREDENTIALS_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this Domeneshop account and uses Domeneshop's DNS service`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
