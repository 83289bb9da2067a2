import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import type { Page } from '../zones.js';
import { linkHeaderTarget } from '../link-header.js';

/** Wire client for the NS1 REST API (WIRE.md in this folder): `X-NSONE-Key`, plain JSON, errors as `{message}`. */
export const NS1_API_BASE = 'https://api.nsone.net';

const zoneSchema = z.object({ zone: z.string().check(z.minLength(1)), id: z.optional(z.string()) });
export type Ns1Zone = z.infer<typeof zoneSchema>;

const answerSchema = z.object({ answer: z.array(z.union([z.string(), z.number()])) });
const recordSchema = z.object({
  id: z.optional(z.string()),
  zone: z.optional(z.string()),
  domain: z.string(),
  type: z.string(),
  ttl: z.optional(z.number()),
  answers: z.array(answerSchema),
});
export type Ns1Record = z.infer<typeof recordSchema>;

const errorSchema = z.object({ message: z.string() });

export interface Ns1RecordBody {
  zone: string;
  domain: string;
  type: string;
  answers: { answer: string[] }[];
  ttl: number;
}

export interface Ns1ClientOptions {
  http: HttpClient;
  apiKey: string;
  endpoint: string | undefined;
}

const KEY_HINT = 'check api_key (NS1 portal → Account settings → API keys) and that the key may manage DNS zones and records';

/**
 * The path and query of the `rel="next"` link of a Link header, to be sent to the configured base
 * (the key goes only where every other request goes, whatever host the link names).
 */
function nextLink(header: string | null): string | undefined {
  const url = linkHeaderTarget(header, 'next');
  return url === undefined ? undefined : `${url.pathname}${url.search}`;
}

function recordPath(zone: string, domain: string, type: string): string {
  return `/v1/zones/${encodeURIComponent(zone)}/${encodeURIComponent(domain)}/${encodeURIComponent(type)}`;
}

export class Ns1Client {
  private readonly base: string;

  constructor(private readonly options: Ns1ClientOptions) {
    this.base = (options.endpoint ?? NS1_API_BASE).replace(/\/+$/, '');
  }

  /**
   * One page of the account's zones: `GET /v1/zones` answers up to 2,500 and names the next page in a
   * `Link: <…>; rel="next"` header. `path` is the first path or the one that header named.
   */
  async listZones(path = '/v1/zones'): Promise<Page<Ns1Zone, string>> {
    const { value, response } = await this.exchange('GET', path, undefined, z.array(zoneSchema), 'GET /v1/zones');
    return { items: value, next: nextLink(response.headers.get('link')) };
  }

  /** The record of `domain` and `type`, or undefined when the zone has none (404 "record not found"). */
  async getRecord(zone: string, domain: string, type: string): Promise<Ns1Record | undefined> {
    try {
      return await this.call('GET', recordPath(zone, domain, type), undefined, recordSchema, 'GET /v1/zones/{zone}/{domain}/{type}');
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not-found' && /record not found/i.test(error.message)) return undefined;
      throw error;
    }
  }

  /** NS1 creates with PUT and updates with POST, on the same path. */
  async createRecord(body: Ns1RecordBody): Promise<Ns1Record> {
    return this.call('PUT', recordPath(body.zone, body.domain, body.type), body, recordSchema, 'PUT /v1/zones/{zone}/{domain}/{type}');
  }

  async updateRecord(body: Ns1RecordBody): Promise<Ns1Record> {
    return this.call('POST', recordPath(body.zone, body.domain, body.type), body, recordSchema, 'POST /v1/zones/{zone}/{domain}/{type}');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, what: string): Promise<z.output<S>> {
    return (await this.exchange(method, path, body, schema, what)).value;
  }

  private async exchange<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, what: string): Promise<{ value: z.output<S>; response: HttpResponse }> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, headers: { 'X-NSONE-Key': this.options.apiKey }, body });
    const label = `NS1 ${what}`;
    if (response.status < 200 || response.status >= 300) throw this.failure(response, label);
    return { value: readJsonAnswer(schema, response, label), response };
  }

  /** How long a 429 asks to wait: Retry-After, else the rate-limit period NS1 names (X-RateLimit-Period, seconds). */
  private retryAfter(response: HttpResponse): number | undefined {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== undefined) return retryAfter;
    const period = Number(response.headers.get('x-ratelimit-period'));
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    if (!Number.isFinite(period) || period <= 0 || !Number.isFinite(limit) || limit <= 0) return undefined;
    // The bucket refills by one request every period/limit seconds.
    return Math.ceil((period / limit) * 1000);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const error = parseJsonAs(errorSchema, response.text);
    const detail = error !== undefined ? error.message : `HTTP ${response.status}, ${describeBody(response.text)}`;
    const secrets = [this.options.apiKey];
    const status = response.status;
    const details = { status };
    if (status === 401 || status === 403) return providerErrorWithout(secrets, 'auth', `NS1 rejected the API key: ${detail}; ${KEY_HINT}`, details);
    if (status === 429) return providerErrorWithout(secrets, 'rate-limit', `${what}: rate limited: ${detail}`, { ...details, retryAfterMs: this.retryAfter(response) });
    if (status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${detail}`, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    if (status === 404) return providerErrorWithout(secrets, 'not-found', `${what}: ${detail}; check that the zone is in this NS1 account`, details);
    if (error === undefined) return providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (${detail})`, details);
    if (/already exists/i.test(detail)) return providerErrorWithout(secrets, 'conflict', `${what}: ${detail}`, details);
    return providerErrorWithout(secrets, 'config', `${what} refused: ${detail}`, details);
  }
}
