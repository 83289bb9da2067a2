import * as z from 'zod/mini';
import { providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for Scaleway's Domains and DNS API v2beta1 (WIRE.md in this folder). */
export const SCALEWAY_API_BASE = 'https://api.scaleway.com';
const PREFIX = '/domain/v2beta1';

/** Zones and records asked per page. */
export const PAGE_SIZE = 100;

const zoneSchema = z.object({ domain: z.string().check(z.minLength(1)), subdomain: z.optional(z.nullable(z.string())) });
export type ScalewayZone = z.infer<typeof zoneSchema>;

const recordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  type: z.string(),
  data: z.string(),
  ttl: z.optional(z.number()),
});
export type ScalewayRecord = z.infer<typeof recordSchema>;

const zonesAnswer = z.object({ total_count: z.optional(z.number()), dns_zones: z.array(zoneSchema) });
const recordsAnswer = z.object({ total_count: z.optional(z.number()), records: z.array(recordSchema) });
const changedAnswer = z.object({ records: z.array(recordSchema) });
const errorAnswer = z.object({
  message: z.optional(z.string()),
  type: z.optional(z.string()),
  details: z.optional(z.array(z.object({ argument_name: z.optional(z.string()), help_message: z.optional(z.string()), reason: z.optional(z.string()) }))),
});

export interface ScalewayPage<T> {
  items: T[];
  total: number | undefined;
}

export interface RecordBody {
  name: string;
  type: string;
  data: string;
  ttl: number;
}

/** One change of a PATCH: add records, or set (replace) the record with `id`. */
export type RecordChange = { add: { records: RecordBody[] } } | { set: { id: string; records: RecordBody[] } };

const KEY_HINT = 'check secret_key (Scaleway console → IAM → API keys: the secret key, not the access key)';
const PERMISSION_HINT = 'give the API key\'s IAM application or user a policy with DomainsDNSFullAccess on the zone\'s project';

export class ScalewayClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly secretKey: string,
    endpoint: string | undefined,
  ) {
    this.base = (endpoint ?? SCALEWAY_API_BASE).replace(/\/+$/, '');
  }

  async listZones(page: number): Promise<ScalewayPage<ScalewayZone>> {
    const answer = await this.call('GET', '/dns-zones', zonesAnswer, { page: String(page), page_size: String(PAGE_SIZE) });
    return { items: answer.dns_zones, total: answer.total_count };
  }

  async listRecords(zone: string, type: string, page: number): Promise<ScalewayPage<ScalewayRecord>> {
    const answer = await this.call('GET', `/dns-zones/${encodeURIComponent(zone)}/records`, recordsAnswer, { type, page: String(page), page_size: String(PAGE_SIZE) });
    return { items: answer.records, total: answer.total_count };
  }

  /** PATCH of one change; never creates the zone. Answers the records it changed (WIRE.md). */
  async changeRecords(zone: string, change: RecordChange): Promise<ScalewayRecord[]> {
    const body = { changes: [change], return_all_records: false, disallow_new_zone_creation: true };
    return (await this.call('PATCH', `/dns-zones/${encodeURIComponent(zone)}/records`, changedAnswer, {}, body)).records;
  }

  private async call<S extends z.ZodMiniType>(method: 'GET' | 'PATCH', path: string, schema: S, query: Record<string, string>, body?: object): Promise<z.output<S>> {
    const url = new URL(`${this.base}${PREFIX}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await sendJson(this.http, { method, url: url.href, headers: { 'X-Auth-Token': this.secretKey }, body });
    const request = `${method} ${PREFIX}${path.replace(/^\/dns-zones\/[^/]+/, '/dns-zones/…')}`;
    this.throwIfFailed(response, request);
    return readJsonAnswer(schema, response, `Scaleway ${request}`);
  }

  private throwIfFailed(response: HttpResponse, request: string): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const error = parseJsonAs(errorAnswer, response.text);
    const said = this.describe(status, error);
    if (status === 429) throw this.error('rate-limit', `Scaleway rate limit reached (${said}) on ${request}`, status, retryAfterMs);
    if (status >= 500) throw this.error('transient', `Scaleway server error (${said}) on ${request}`, status, retryAfterMs);
    if (status === 401 || error?.type === 'denied_authentication') throw this.error('auth', `Scaleway rejected the secret key (${said}); ${KEY_HINT}`, status);
    if (status === 403 || error?.type === 'permissions_denied') throw this.error('auth', `Scaleway denied ${request} (${said}); ${PERMISSION_HINT}`, status);
    if (status === 404) throw this.error('not-found', `Scaleway ${request}: not found (${said}); check the zone name and that it is in this Scaleway organization (console → Domains and DNS)`, status);
    if (error?.message === undefined) {
      throw this.error('protocol', `Scaleway ${request}: HTTP ${status} answer is not a Scaleway error (${describeBody(response.text)}); is endpoint right?`, status);
    }
    if (status === 409) throw this.error('conflict', `Scaleway refused ${request}: such a record already exists (${said})`, status);
    throw this.error('config', `Scaleway refused ${request} (${said})`, status);
  }

  /** "HTTP 400 invalid_arguments: invalid argument(s); data: must be an IPv4 address", one short line. */
  private describe(status: number, error: z.infer<typeof errorAnswer> | undefined): string {
    if (error?.message === undefined) return `HTTP ${status}`;
    const detail = error.details?.[0];
    const argument = detail?.argument_name === undefined ? '' : `; ${detail.argument_name}: ${detail.help_message ?? detail.reason ?? 'invalid'}`;
    const text = `${error.message}${argument}`.replace(/\s+/g, ' ');
    return `HTTP ${status}${error.type === undefined ? '' : ` ${error.type}`}: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
  }

  private error(kind: ProviderErrorKind, message: string, status: number, retryAfterMs?: number): ReturnType<typeof providerErrorWithout> {
    return providerErrorWithout([this.secretKey], kind, message, { status, retryAfterMs });
  }
}
