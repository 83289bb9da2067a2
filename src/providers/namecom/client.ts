import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for Name.com API v4 (WIRE.md in this folder): HTTP Basic username:token, JSON. */
export const NAMECOM_API_BASE = 'https://api.name.com/v4';
export const PER_PAGE = 1000;

const CREDENTIALS_HINT = 'check username and token (Name.com account → Settings → Security → API Token Management; the test environment api.dev.name.com takes the "-test" username and token)';

const errorSchema = z.object({ message: z.string(), details: z.optional(z.string()) });
const domainSchema = z.object({ domainName: z.string().check(z.minLength(1)) });
export type NamecomDomain = z.infer<typeof domainSchema>;
const recordSchema = z.object({ id: z.number(), host: z.optional(z.string()), type: z.string(), answer: z.string(), ttl: z.optional(z.number()) });
export type NamecomRecord = z.infer<typeof recordSchema>;
const nextPage = z.optional(z.number());
const domainListSchema = z.object({ domains: z.optional(z.array(domainSchema)), nextPage });
const recordListSchema = z.object({ records: z.optional(z.array(recordSchema)), nextPage });

/** Body of POST …/records and PUT …/records/{id}; `host` is relative, "" for the apex. */
export interface RecordBody {
  host: string;
  type: string;
  answer: string;
  ttl: number;
}

export interface NamecomClientOptions {
  http: HttpClient;
  username: string;
  token: string;
  endpoint: string | undefined;
}

export class NamecomClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(private readonly options: NamecomClientOptions) {
    this.base = (options.endpoint ?? NAMECOM_API_BASE).replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.token}`).toString('base64')}`;
  }

  async listDomains(page: number): Promise<{ items: NamecomDomain[]; next: number | undefined }> {
    const answer = await this.call('GET', `/domains?page=${page}&perPage=${PER_PAGE}`, undefined, domainListSchema, 'GET /domains');
    return { items: answer.domains ?? [], next: answer.nextPage !== undefined && answer.nextPage > page ? answer.nextPage : undefined };
  }

  async listRecords(domain: string, page: number): Promise<{ items: NamecomRecord[]; next: number | undefined }> {
    const answer = await this.call('GET', `/domains/${encodeURIComponent(domain)}/records?page=${page}&perPage=${PER_PAGE}`, undefined, recordListSchema, 'GET /domains/…/records');
    return { items: answer.records ?? [], next: answer.nextPage !== undefined && answer.nextPage > page ? answer.nextPage : undefined };
  }

  async createRecord(domain: string, body: RecordBody): Promise<NamecomRecord> {
    return this.call('POST', `/domains/${encodeURIComponent(domain)}/records`, body, recordSchema, 'POST /domains/…/records');
  }

  async updateRecord(domain: string, id: string, body: RecordBody): Promise<NamecomRecord> {
    return this.call('PUT', `/domains/${encodeURIComponent(domain)}/records/${encodeURIComponent(id)}`, body, recordSchema, 'PUT /domains/…/records/…');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: this.authorization, body });
    const what = `Name.com ${request}`;
    if (response.status >= 400) throw this.failure(response, what);
    return readJsonAnswer(schema, response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const said = error === undefined ? describeBody(response.text) : [error.message, error.details].filter(Boolean).join(': ');
    const secrets = [this.options.token, this.options.username, this.authorization.slice('Basic '.length)];
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout(secrets, kind, message, { status, retryAfterMs });
    const word = error?.message.toLowerCase();
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said}); Name.com allows 20 requests per second and 3,000 per hour`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401 || status === 403 || word === 'unauthenticated' || word === 'permission denied') {
      return fail('auth', `Name.com rejected the API credentials (HTTP ${status}, ${said}): ${CREDENTIALS_HINT}`);
    }
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this Name.com account`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
