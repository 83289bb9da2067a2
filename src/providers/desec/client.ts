import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import { linkHeaderTarget } from '../link-header.js';
import type { Page } from '../zones.js';

/** Wire client for the deSEC REST API (WIRE.md in this folder): `Authorization: Token …`, JSON, DRF-style errors. */
export const DESEC_API_BASE = 'https://desec.io/api/v1';

const TOKEN_HINT = 'check token (deSEC → Token Management; a token with a policy needs write access to the RRset)';

const domainSchema = z.object({ name: z.string().check(z.minLength(1)), minimum_ttl: z.optional(z.number()) });
export type DesecDomain = z.infer<typeof domainSchema>;
const rrsetSchema = z.object({ subname: z.string(), type: z.string(), records: z.array(z.string()), ttl: z.nullish(z.number()) });
export type DesecRrset = z.infer<typeof rrsetSchema>;

/** `{"detail":"…"}` for most failures; a 400 maps field names (or `non_field_errors`) to lists of messages. */
const errorSchema = z.record(z.string(), z.unknown());

/** Body of POST …/rrsets/: `subname` "" is the apex; deSEC requires the ttl. */
export interface RrsetBody {
  subname: string;
  type: string;
  records: string[];
  ttl: number;
}

export interface DesecClientOptions {
  http: HttpClient;
  token: string;
  /** Replaces the base URL, `/api/v1` included. */
  endpoint: string | undefined;
}

/** The RRset's subname as a path segment: the apex is `@` (an empty segment would be folded away). */
function subnameSegment(subname: string): string {
  return subname === '' ? '@' : encodeURIComponent(subname);
}

/** The messages of a DRF error body, flattened: `detail` and `non_field_errors` as they are, then each field's. */
function errorText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(body)) {
    const messages = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    if (messages.length === 0) continue;
    parts.push(field === 'detail' || field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`);
  }
  return parts.join('; ');
}

export class DesecClient {
  private readonly base: string;

  constructor(private readonly options: DesecClientOptions) {
    this.base = (options.endpoint ?? DESEC_API_BASE).replace(/\/+$/, '');
  }

  /**
   * One page of the account's domains. `cursor=` (empty) asks for the first page: deSEC answers up to
   * 500 domains and names the next page's cursor in a `Link: <…?cursor=…>; rel="next"` header.
   */
  async listDomains(cursor: string): Promise<Page<DesecDomain, string>> {
    const { value, response } = await this.exchange('GET', `/domains/?${new URLSearchParams({ cursor }).toString()}`, undefined, z.array(domainSchema), 'GET /domains/');
    const next = linkHeaderTarget(response.headers.get('link'), 'next')?.searchParams.get('cursor');
    return { items: value, next: next === null || next === undefined || next === '' ? undefined : next };
  }

  /** The RRsets of one subname and type (at most one). */
  listRrsets(domain: string, subname: string, type: string): Promise<DesecRrset[]> {
    const query = new URLSearchParams({ subname, type });
    return this.call('GET', `/domains/${encodeURIComponent(domain)}/rrsets/?${query.toString()}`, undefined, z.array(rrsetSchema), 'GET /domains/…/rrsets/');
  }

  createRrset(domain: string, body: RrsetBody): Promise<DesecRrset> {
    return this.call('POST', `/domains/${encodeURIComponent(domain)}/rrsets/`, body, rrsetSchema, 'POST /domains/…/rrsets/');
  }

  /** PATCH of one RRset: its records replaced, its ttl changed only when given. */
  updateRrset(domain: string, subname: string, type: string, body: { records: string[]; ttl?: number }): Promise<DesecRrset> {
    const path = `/domains/${encodeURIComponent(domain)}/rrsets/${subnameSegment(subname)}/${encodeURIComponent(type)}/`;
    return this.call('PATCH', path, body, rrsetSchema, 'PATCH /domains/…/rrsets/…/');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    return (await this.exchange(method, path, body, schema, request)).value;
  }

  private async exchange<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<{ value: z.output<S>; response: HttpResponse }> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `Token ${this.options.token}`, body });
    const what = `deSEC ${request}`;
    if (response.status >= 400) throw this.failure(response, what);
    return { value: readJsonAnswer(schema, response, what), response };
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const text = error === undefined ? '' : errorText(error);
    const said = text === '' ? describeBody(response.text) : text;
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout([this.options.token], kind, message, { status, retryAfterMs });
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (status === 429) {
      // Retry-After may name hours (an hourly or daily bucket): the core waits only when it is short.
      return fail('rate-limit', `${what}: throttled (HTTP 429, ${said}); deSEC allows 2 RRset writes per second, 15 per minute, 100 per hour and 300 per day per domain`, retryAfter);
    }
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, retryAfter);
    if (status === 401) return fail('auth', `deSEC rejected the token (HTTP 401, ${said}): ${TOKEN_HINT}`);
    if (status === 403) return fail('auth', `deSEC refused the request (HTTP 403, ${said}): ${TOKEN_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this deSEC account (deSEC → Domain Management)`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    if (status === 409 || (status === 400 && /same subdomain and type exists/i.test(text))) return fail('conflict', `${what} refused (HTTP ${status}, ${said})`);
    if (status === 400 && typeof error['ttl'] !== 'undefined') return fail('config', `${what} refused (HTTP 400, ${said}); set ttl in the [[record]] between the domain's minimum_ttl and 86400`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }
}
