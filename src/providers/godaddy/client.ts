import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for the GoDaddy Domains API v1 (WIRE.md in this folder): an sso-key header, record sets by name and type. */
export const GODADDY_API_BASE = 'https://api.godaddy.com';
export const DOMAINS_PER_PAGE = 1000;

const CREDENTIALS_HINT = 'check api_key and api_secret (a Production key from developer.godaddy.com/keys; OTE keys work only with endpoint = "https://api.ote-godaddy.com")';
/** GoDaddy's answer to every request of an account it does not let use the API (WIRE.md, Account eligibility). */
export const ACCESS_DENIED_MESSAGE =
  'GoDaddy refuses API access to this account (HTTP 403 ACCESS_DENIED): GoDaddy allows its Domains API only to accounts with 10 or more domains or a Discount Domain Club plan; the key cannot fix this';

const fieldSchema = z.object({ code: z.optional(z.string()), message: z.optional(z.string()), path: z.optional(z.string()) });
const errorSchema = z.object({ code: z.optional(z.string()), message: z.optional(z.string()), fields: z.optional(z.array(fieldSchema)), retryAfterSec: z.optional(z.number()) });
const domainSchema = z.object({ domain: z.string().check(z.minLength(1)) });
export type GodaddyDomain = z.infer<typeof domainSchema>;
const recordSchema = z.object({ data: z.string(), name: z.optional(z.string()), type: z.optional(z.string()), ttl: z.optional(z.number()) });
export type GodaddyRecord = z.infer<typeof recordSchema>;

export interface GodaddyClientOptions {
  http: HttpClient;
  apiKey: string;
  apiSecret: string;
  endpoint: string | undefined;
}

export class GodaddyClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(private readonly options: GodaddyClientOptions) {
    this.base = (options.endpoint ?? GODADDY_API_BASE).replace(/\/+$/, '');
    this.authorization = `sso-key ${options.apiKey}:${options.apiSecret}`;
  }

  /** One page of the account's domains, starting after `marker` (the last domain of the previous page; "" for the first). */
  async listDomains(marker: string): Promise<{ items: GodaddyDomain[]; next: string | undefined }> {
    const query = `limit=${DOMAINS_PER_PAGE}${marker === '' ? '' : `&marker=${encodeURIComponent(marker)}`}`;
    const items = await this.call('GET', `/v1/domains?${query}`, undefined, z.array(domainSchema), 'GET /v1/domains');
    const last = items.at(-1)?.domain;
    return { items, next: items.length >= DOMAINS_PER_PAGE && last !== marker ? last : undefined };
  }

  /** The one domain named `domain` (`GET /v1/domains/{domain}`); undefined when the account has no such domain (404). */
  async getDomain(domain: string): Promise<GodaddyDomain | undefined> {
    const request = 'GET /v1/domains/{domain}';
    try {
      return await this.call('GET', `/v1/domains/${encodeURIComponent(domain)}`, undefined, domainSchema, request);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** The records of a name (relative, "@" for the apex) and type; [] when there are none. */
  async getRecords(domain: string, type: string, name: string): Promise<GodaddyRecord[]> {
    return this.call('GET', this.recordsPath(domain, type, name), undefined, z.array(recordSchema), 'GET /v1/domains/…/records/…');
  }

  /** Replaces every record of the name and type (creating the set when absent); GoDaddy answers 200 with no body. */
  async putRecords(domain: string, type: string, name: string, records: { data: string; ttl: number }[]): Promise<void> {
    const request = 'PUT /v1/domains/…/records/…';
    const response = await this.send('PUT', this.recordsPath(domain, type, name), records, request);
    if (response.status !== 200 || response.text.trim() !== '') {
      throw new ProviderError('protocol', `GoDaddy ${request}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
    }
  }

  private recordsPath(domain: string, type: string, name: string): string {
    return `/v1/domains/${encodeURIComponent(domain)}/records/${encodeURIComponent(type)}/${encodeURIComponent(name)}`;
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    return readJsonAnswer(schema, await this.send(method, path, body, request), `GoDaddy ${request}`);
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: this.authorization, body });
    if (response.status >= 400) throw this.failure(response, `GoDaddy ${request}`);
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const fields = (error?.fields ?? []).map((field) => [field.path, field.message].filter(Boolean).join(': ')).filter(Boolean);
    const said = error === undefined ? describeBody(response.text) : [[error.code, error.message].filter(Boolean).join(' ') || 'no message', ...fields].join('; ');
    const secrets = [this.options.apiSecret, this.options.apiKey, this.authorization.slice('sso-key '.length)];
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout(secrets, kind, message, { status, code: error?.code, retryAfterMs });
    const retryAfter = () => parseRetryAfter(response.headers.get('retry-after')) ?? (error?.retryAfterSec !== undefined && error.retryAfterSec >= 0 ? error.retryAfterSec * 1000 : undefined);
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said}); GoDaddy allows 60 requests per minute`, retryAfter());
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 403 && error?.code === 'ACCESS_DENIED') return fail('auth', ACCESS_DENIED_MESSAGE);
    if (status === 401 || status === 403) return fail('auth', `GoDaddy rejected the API key (HTTP ${status}, ${said}): ${CREDENTIALS_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this GoDaddy account`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
