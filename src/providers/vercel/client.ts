import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for Vercel DNS (WIRE.md in this folder): Bearer token, optional teamId, `pagination.next` cursors, `{error:{code,message}}` failures. */
export const VERCEL_API_BASE = 'https://api.vercel.com';
/** The most items a listing page holds (`limit` maximum). */
export const PAGE_LIMIT = 100;

const TOKEN_HINT = 'check token (Vercel → Account Settings → Tokens)';
/** A 429 names when the window resets; waiting longer than this is left to the next run. */
const MAX_RESET_WAIT_MS = 60_000;

const paginationSchema = z.object({ next: z.nullish(z.number()) });
const domainSchema = z.object({ name: z.string().check(z.minLength(1)) });
export type VercelDomain = z.infer<typeof domainSchema>;
/** A record as the listing gives it (the listing carries no ttl in Vercel's schema; some answers do). */
const recordSchema = z.object({ id: z.string().check(z.minLength(1)), name: z.string(), type: z.string(), value: z.string(), ttl: z.optional(z.number()) });
export type VercelRecord = z.infer<typeof recordSchema>;
/** The PATCH answer: the DNS type is `recordType`; `type` there is "record" or "record-sys". */
const updatedSchema = z.object({ id: z.string().check(z.minLength(1)), name: z.string(), recordType: z.string(), value: z.string(), ttl: z.optional(z.number()) });

const domainsSchema = z.object({ domains: z.array(domainSchema), pagination: z.optional(paginationSchema) });
const recordsSchema = z.object({ records: z.array(recordSchema), pagination: z.optional(paginationSchema) });
const createdSchema = z.object({ uid: z.string().check(z.minLength(1)) });
const errorSchema = z.object({
  error: z.object({
    code: z.optional(z.string()),
    message: z.optional(z.string()),
    invalidToken: z.optional(z.boolean()),
    limit: z.optional(z.object({ resetMs: z.optional(z.number()) })),
  }),
});

/** Where a listing goes on: Vercel's `pagination.next` sent back as `until` (absent: the first page). */
export interface VercelCursor {
  until?: number;
}

export interface VercelPage<T> {
  items: T[];
  next: VercelCursor | undefined;
}

const nextOf = (pagination: { next?: number | null | undefined } | undefined): VercelCursor | undefined => (typeof pagination?.next === 'number' ? { until: pagination.next } : undefined);

export interface VercelClientOptions {
  http: HttpClient;
  token: string;
  /** Sent as `teamId` on every request when set. */
  teamId: string | undefined;
  /** Replaces the base URL. */
  endpoint: string | undefined;
}

export class VercelClient {
  private readonly base: string;

  constructor(private readonly options: VercelClientOptions) {
    this.base = (options.endpoint ?? VERCEL_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(cursor: VercelCursor): Promise<VercelPage<VercelDomain>> {
    const answer = await this.call('GET', '/v5/domains', this.pageQuery(cursor), undefined, domainsSchema, 'GET /v5/domains');
    return { items: answer.domains, next: nextOf(answer.pagination) };
  }

  async listRecords(domain: string, cursor: VercelCursor): Promise<VercelPage<VercelRecord>> {
    const answer = await this.call('GET', `/v5/domains/${encodeURIComponent(domain)}/records`, this.pageQuery(cursor), undefined, recordsSchema, 'GET /v5/domains/…/records');
    return { items: answer.records, next: nextOf(answer.pagination) };
  }

  /** The new record's id (the answer carries nothing else). */
  async createRecord(domain: string, body: { name: string; type: string; value: string; ttl: number }): Promise<string> {
    return (await this.call('POST', `/v2/domains/${encodeURIComponent(domain)}/records`, {}, body, createdSchema, 'POST /v2/domains/…/records')).uid;
  }

  async updateRecord(id: string, body: { value: string; ttl?: number }): Promise<VercelRecord> {
    const answer = await this.call('PATCH', `/v1/domains/records/${encodeURIComponent(id)}`, {}, body, updatedSchema, 'PATCH /v1/domains/records/…');
    return { id: answer.id, name: answer.name, type: answer.recordType, value: answer.value, ttl: answer.ttl };
  }

  private pageQuery(cursor: VercelCursor): Record<string, string> {
    return { limit: String(PAGE_LIMIT), ...(cursor.until === undefined ? {} : { until: String(cursor.until) }) };
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, query: Record<string, string>, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    const teamId = this.options.teamId;
    const search = new URLSearchParams({ ...query, ...(teamId === undefined ? {} : { teamId }) }).toString();
    const url = `${this.base}${path}${search === '' ? '' : `?${search}`}`;
    const response = await sendJson(this.options.http, { method, url, authorization: `Bearer ${this.options.token}`, body });
    const what = `Vercel ${request}`;
    if (response.status >= 400) throw this.failure(response, what);
    return readJsonAnswer(schema, response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text)?.error;
    const code = error?.code;
    const said = error === undefined ? describeBody(response.text) : [code, error.message].filter((part) => part !== undefined && part !== '').join(': ');
    const details = { status, ...(code === undefined ? {} : { code }) };
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout([this.options.token], kind, message, { ...details, retryAfterMs });
    if (status === 429 || code === 'rate_limited') {
      return fail('rate-limit', `${what}: rate limited (HTTP ${status}, ${said})`, this.resetWait(response, error?.limit?.resetMs));
    }
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401 || error?.invalidToken === true) return fail('auth', `Vercel rejected the token (HTTP ${status}, ${said}): ${TOKEN_HINT}`);
    if (status === 403) {
      return fail('auth', `Vercel refused access (HTTP 403, ${said}): check the token's scope, and set team_id for a domain owned by a team`);
    }
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the domain is in this Vercel account (or set team_id for a team's domain)`);
    if (error === undefined) return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
    if (status === 409) return fail('conflict', `${what} refused (HTTP 409, ${said})`);
    return fail('config', `${what} refused (HTTP ${status}, ${said})`);
  }

  /** Retry-After, or the error's `limit.resetMs` (epoch milliseconds), capped at a minute. */
  private resetWait(response: HttpResponse, resetMs: number | undefined): number | undefined {
    const wait = parseRetryAfter(response.headers.get('retry-after')) ?? (resetMs === undefined ? undefined : resetMs - Date.now());
    return wait === undefined || wait <= 0 ? undefined : Math.min(wait, MAX_RESET_WAIT_MS);
  }
}
