import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for Gandi LiveDNS v5 (WIRE.md in this folder): a personal access token, rrsets. */
export const GANDI_API_BASE = 'https://api.gandi.net/v5/livedns';
export const DOMAINS_PER_PAGE = 100;

const TOKEN_HINT = 'check token (Gandi account → Authentication options → Personal Access Tokens; it needs permission to manage the domain\'s technical configuration)';

const errorSchema = z.object({ message: z.optional(z.string()), cause: z.optional(z.string()), object: z.optional(z.string()), errors: z.optional(z.array(z.object({ name: z.optional(z.string()), description: z.optional(z.string()) }))) });
const domainSchema = z.object({ fqdn: z.string().check(z.minLength(1)) });
export type GandiDomain = z.infer<typeof domainSchema>;
const rrsetSchema = z.object({ rrset_name: z.string(), rrset_type: z.string(), rrset_ttl: z.optional(z.number()), rrset_values: z.array(z.string()) });
const messageSchema = z.object({ message: z.string() });
export type GandiRrset = z.infer<typeof rrsetSchema>;

export interface GandiClientOptions {
  http: HttpClient;
  token: string;
  endpoint: string | undefined;
}

export class GandiClient {
  private readonly base: string;

  constructor(private readonly options: GandiClientOptions) {
    this.base = (options.endpoint ?? GANDI_API_BASE).replace(/\/+$/, '');
  }

  /** One page of the domains LiveDNS serves for the token, and the `Total-Count` header when sent. */
  async listDomains(page: number): Promise<{ items: GandiDomain[]; total: number | undefined }> {
    const response = await this.call('GET', `/domains?page=${page}&per_page=${DOMAINS_PER_PAGE}`, undefined, 'GET /domains');
    const total = Number(response.headers.get('total-count') ?? Number.NaN);
    return { items: this.parse(response, z.array(domainSchema), 'GET /domains'), total: Number.isInteger(total) ? total : undefined };
  }

  /** The rrset of a name (relative, "@" for the apex) and type; undefined when there is none (404). */
  async getRrset(fqdn: string, name: string, type: string): Promise<GandiRrset | undefined> {
    const request = 'GET /domains/…/records/…';
    const response = await this.call('GET', this.rrsetPath(fqdn, name, type), undefined, request, true);
    return response.status === 404 ? undefined : this.parse(response, rrsetSchema, request);
  }

  /** Creates or replaces the whole rrset; Gandi answers 201 with a message only. */
  async putRrset(fqdn: string, name: string, type: string, body: { rrset_values: string[]; rrset_ttl: number }): Promise<void> {
    const request = 'PUT /domains/…/records/…';
    const response = await this.call('PUT', this.rrsetPath(fqdn, name, type), body, request);
    const answer = this.parse(response, messageSchema, request);
    if (response.status !== 201 && response.status !== 200) {
      throw new ProviderError('protocol', `Gandi ${request}: unexpected answer (HTTP ${response.status}, ${answer.message})`, { status: response.status });
    }
  }

  private rrsetPath(fqdn: string, name: string, type: string): string {
    return `/domains/${encodeURIComponent(fqdn)}/records/${encodeURIComponent(name)}/${encodeURIComponent(type)}`;
  }

  private parse<S extends z.ZodMiniType>(response: HttpResponse, schema: S, request: string): z.output<S> {
    return readJsonAnswer(schema, response, `Gandi ${request}`);
  }

  private async call(method: string, path: string, body: object | undefined, request: string, absentIsAnswer = false): Promise<HttpResponse> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `Bearer ${this.options.token}`, body });
    if (response.status === 404 && absentIsAnswer && parseJsonAs(errorSchema, response.text) !== undefined) return response;
    if (response.status >= 400) throw this.failure(response, `Gandi ${request}`);
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const fields = (error?.errors ?? []).map((item) => [item.name, item.description].filter(Boolean).join(': ')).filter(Boolean);
    const said = error === undefined ? describeBody(response.text) : [error.message ?? error.cause ?? error.object ?? 'no message', ...fields].join('; ');
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout([this.options.token], kind, message, { status, retryAfterMs });
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401) return fail('auth', `Gandi rejected the token (HTTP 401, ${said}): ${TOKEN_HINT}`);
    if (status === 403) return fail('auth', `Gandi denied access (HTTP 403, ${said}): ${TOKEN_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain uses LiveDNS in this Gandi account`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
