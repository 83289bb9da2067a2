import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for DigitalOcean API v2 domains and records (WIRE.md in this folder): Bearer token, JSON. */
export const DIGITALOCEAN_API_BASE = 'https://api.digitalocean.com/v2';
/** The most items a page holds (`per_page` maximum). */
export const PER_PAGE = 200;

const TOKEN_HINT = 'check api_token (DigitalOcean Control Panel → API → Tokens; a scoped token needs domain:read and domain:update)';
/** A 429 names when the window resets; waiting longer than this is left to the next run. */
const MAX_RESET_WAIT_MS = 60_000;

const errorSchema = z.object({ id: z.string(), message: z.optional(z.string()) });
const linksSchema = z.optional(z.object({ pages: z.optional(z.object({ next: z.optional(z.string()) })) }));

const domainSchema = z.object({ name: z.string().check(z.minLength(1)), ttl: z.nullish(z.number()) });
export type DigitaloceanDomain = z.infer<typeof domainSchema>;

const recordSchema = z.object({
  id: z.number(),
  type: z.string(),
  name: z.string(),
  data: z.string(),
  ttl: z.nullish(z.number()),
});
export type DigitaloceanRecord = z.infer<typeof recordSchema>;

const domainListSchema = z.object({ domains: z.array(domainSchema), links: linksSchema });
const recordListSchema = z.object({ domain_records: z.array(recordSchema), links: linksSchema });
const recordAnswerSchema = z.object({ domain_record: recordSchema });

/** Body of POST …/records and PUT …/records/{id}; `name` is relative to the zone, `@` for the apex. */
export interface RecordBody {
  type: string;
  name: string;
  data: string;
  ttl: number;
}

export interface DigitaloceanClientOptions {
  http: HttpClient;
  apiToken: string;
  /** Replaces the base URL, `/v2` included. */
  endpoint: string | undefined;
}

/** The page number `links.pages.next` names (undefined: this was the last page). */
function nextPage(links: z.infer<typeof linksSchema>, page: number): number | undefined {
  const next = links?.pages?.next;
  if (next === undefined) return undefined;
  let named: number | undefined;
  try {
    named = Number(new URL(next).searchParams.get('page'));
  } catch {
    named = undefined;
  }
  return named !== undefined && Number.isInteger(named) && named > page ? named : page + 1;
}

export class DigitaloceanClient {
  private readonly base: string;

  constructor(private readonly options: DigitaloceanClientOptions) {
    this.base = (options.endpoint ?? DIGITALOCEAN_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(page: number): Promise<{ items: DigitaloceanDomain[]; next: number | undefined }> {
    const answer = await this.call('GET', `/domains?page=${page}&per_page=${PER_PAGE}`, undefined, domainListSchema, 'GET /domains');
    return { items: answer.domains, next: nextPage(answer.links, page) };
  }

  /** The records of one full name and type (the API's `name` filter takes the full name). */
  async listRecords(zone: string, name: string, type: string, page: number): Promise<{ items: DigitaloceanRecord[]; next: number | undefined }> {
    const query = new URLSearchParams({ name, type, page: String(page), per_page: String(PER_PAGE) });
    const answer = await this.call('GET', `/domains/${encodeURIComponent(zone)}/records?${query.toString()}`, undefined, recordListSchema, 'GET /domains/…/records');
    return { items: answer.domain_records, next: nextPage(answer.links, page) };
  }

  async createRecord(zone: string, body: RecordBody): Promise<DigitaloceanRecord> {
    return (await this.call('POST', `/domains/${encodeURIComponent(zone)}/records`, body, recordAnswerSchema, 'POST /domains/…/records')).domain_record;
  }

  async updateRecord(zone: string, id: string, body: RecordBody): Promise<DigitaloceanRecord> {
    const path = `/domains/${encodeURIComponent(zone)}/records/${encodeURIComponent(id)}`;
    return (await this.call('PUT', path, body, recordAnswerSchema, 'PUT /domains/…/records/…')).domain_record;
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `Bearer ${this.options.apiToken}`, body });
    const what = `DigitalOcean ${request}`;
    if (response.status >= 400) throw this.failure(response, what);
    return readJsonAnswer(schema, response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const said = error === undefined ? describeBody(response.text) : `${error.id}: ${error.message ?? ''}`.replace(/: $/, '');
    const details = { status, ...(error === undefined ? {} : { code: error.id }) };
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) =>
      providerErrorWithout([this.options.apiToken], kind, message, { ...details, retryAfterMs });
    if (status === 429 || error?.id === 'too_many_requests') {
      return fail('rate-limit', `${what}: rate limited (HTTP ${status}, ${said}); DigitalOcean allows 250 requests per minute and 5,000 per hour per token`, this.resetWait(response));
    }
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401 || status === 403 || error?.id === 'unauthorized' || error?.id === 'forbidden') {
      return fail('auth', `DigitalOcean rejected the API token (HTTP ${status}, ${said}): ${TOKEN_HINT}`);
    }
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this DigitalOcean account`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }

  /** How long until `ratelimit-reset` (epoch seconds), or `retry-after`, capped at a minute. */
  private resetWait(response: HttpResponse): number | undefined {
    const reset = Number(response.headers.get('ratelimit-reset') ?? Number.NaN);
    const wait = Number.isFinite(reset) && reset > 0 ? reset * 1000 - Date.now() : parseRetryAfter(response.headers.get('retry-after'));
    return wait === undefined || wait <= 0 ? undefined : Math.min(wait, MAX_RESET_WAIT_MS);
  }
}
