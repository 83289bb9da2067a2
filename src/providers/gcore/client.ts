import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for the Gcore DNS API (WIRE.md in this folder): `APIKey` token, zones and rrsets. */
export const GCORE_API_BASE = 'https://api.gcore.com/dns';
/** Zones asked for per request of `GET /v2/zones` (`limit`). */
export const ZONES_PER_PAGE = 100;

const TOKEN_HINT = 'check api_token (Gcore portal → Profile → API tokens; the token needs DNS access)';

const zoneSchema = z.object({ name: z.string().check(z.minLength(1)) });
export type GcoreZone = z.infer<typeof zoneSchema>;
const zonesSchema = z.object({ zones: z.nullable(z.array(zoneSchema)), total_amount: z.optional(z.number()) });

const rrsetSchema = z.object({
  name: z.string(),
  type: z.string(),
  ttl: z.optional(z.number()),
  resource_records: z.array(z.object({ content: z.array(z.unknown()), enabled: z.optional(z.boolean()) })),
});
export type GcoreRrset = z.infer<typeof rrsetSchema>;
export interface RrsetBody {
  ttl: number;
  resource_records: { content: string[]; enabled: boolean }[];
}

const errorSchema = z.object({ error: z.string() });

export interface GcoreClientOptions {
  http: HttpClient;
  apiToken: string;
  /** Replaces the base URL (paths start with `/v2/`). */
  endpoint: string | undefined;
}

function rrsetPath(zone: string, name: string, type: string): string {
  return `/v2/zones/${encodeURIComponent(zone)}/${encodeURIComponent(name)}/${encodeURIComponent(type)}`;
}

export class GcoreClient {
  private readonly base: string;

  constructor(private readonly options: GcoreClientOptions) {
    this.base = (options.endpoint ?? GCORE_API_BASE).replace(/\/+$/, '');
  }

  /** One page of the account's zones, from `offset`, and the total the answer names. */
  async listZones(offset: number): Promise<{ items: GcoreZone[]; total: number | undefined }> {
    const answer = await this.call('GET', `/v2/zones?limit=${ZONES_PER_PAGE}&offset=${offset}`, undefined, zonesSchema, 'GET /v2/zones');
    return { items: answer.zones ?? [], total: answer.total_amount };
  }

  /** The zones named `name` (the listing's `name` filter), for a configured zone. */
  async zonesNamed(name: string): Promise<GcoreZone[]> {
    const query = new URLSearchParams({ name, limit: String(ZONES_PER_PAGE) });
    return (await this.call('GET', `/v2/zones?${query.toString()}`, undefined, zonesSchema, 'GET /v2/zones')).zones ?? [];
  }

  /** The rrset, or undefined when the API answers 404 with its error body (no such rrset). */
  async getRrset(zone: string, name: string, type: string): Promise<GcoreRrset | undefined> {
    const response = await this.send('GET', rrsetPath(zone, name, type), undefined);
    if (response.status === 404 && parseJsonAs(errorSchema, response.text) !== undefined) return undefined;
    return this.answer(response, rrsetSchema, 'GET /v2/zones/{zone}/{name}/{type}');
  }

  /** POST creates the rrset, PUT replaces it; both answer the rrset as it now is. */
  async writeRrset(method: 'POST' | 'PUT', zone: string, name: string, type: string, body: RrsetBody): Promise<GcoreRrset> {
    return this.call(method, rrsetPath(zone, name, type), body, rrsetSchema, `${method} /v2/zones/{zone}/{name}/{type}`);
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    return this.answer(await this.send(method, path, body), schema, request);
  }

  private send(method: string, path: string, body: object | undefined): Promise<HttpResponse> {
    return sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `APIKey ${this.options.apiToken}`, body });
  }

  private answer<S extends z.ZodMiniType>(response: HttpResponse, schema: S, request: string): z.output<S> {
    const what = `Gcore ${request}`;
    if (response.status >= 300) throw this.failure(response, what);
    return readJsonAnswer(schema, response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const answer = parseJsonAs(errorSchema, response.text);
    const said = answer === undefined ? `HTTP ${status}, ${describeBody(response.text)}` : `${answer.error} (HTTP ${status})`;
    const fail = (kind: ProviderErrorKind, message: string) =>
      providerErrorWithout([this.options.apiToken], kind, message, { status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    if (status === 429) return fail('rate-limit', `${what}: rate limited: ${said}`);
    if (status >= 500) return fail('transient', `${what}: server error: ${said}`);
    if (status === 401 || status === 403) return fail('auth', `Gcore rejected the API token: ${said}; ${TOKEN_HINT}`);
    if (answer === undefined) return fail('protocol', `${what}: unexpected answer (${said}); is endpoint right?`);
    if (status === 409) return fail('conflict', `${what}: ${said}`);
    if (status === 404) return fail('not-found', `${what}: ${said}; check that the zone is in this Gcore account (DNS → Zones)`);
    return fail('config', `${what} refused: ${said}`);
  }
}
