import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';
import type { Page } from '../zones.js';

/** Wire client for the bunny.net DNS API (WIRE.md in this folder): `AccessKey` header, JSON. */
export const BUNNY_API_BASE = 'https://api.bunny.net';
export const PER_PAGE = 1000;

/** Record types are numbers on this wire. */
export const TYPE_NUMBER: Readonly<Record<string, number>> = { A: 0, AAAA: 1 };
export const typeName = (type: number): string => (type === 0 ? 'A' : type === 1 ? 'AAAA' : `type ${type}`);

const HINT = 'check api_key (bunny.net dashboard → Account settings → API key)';

const recordSchema = z.object({ Id: z.number(), Type: z.number(), Name: z.nullish(z.string()), Value: z.nullish(z.string()), Ttl: z.nullish(z.number()) });
export type BunnyRecord = z.infer<typeof recordSchema>;
const zoneSchema = z.object({ Id: z.number(), Domain: z.string().check(z.minLength(1)), Records: z.nullish(z.array(recordSchema)) });
export type BunnyZone = z.infer<typeof zoneSchema>;
const zoneListSchema = z.object({ Items: z.array(zoneSchema), HasMoreItems: z.optional(z.boolean()) });
const errorSchema = z.object({ Message: z.nullish(z.string()), ErrorKey: z.nullish(z.string()) });

export interface RecordBody {
  Type: number;
  Name: string;
  Value: string;
  Ttl: number;
}

export class BunnyClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    private readonly apiKey: string,
    endpoint: string | undefined,
  ) {
    this.base = (endpoint ?? BUNNY_API_BASE).replace(/\/+$/, '');
  }

  async listZones(page: number): Promise<Page<BunnyZone, number>> {
    const answer = await this.call('GET', `/dnszone?page=${page}&perPage=${PER_PAGE}`, zoneListSchema, 'GET /dnszone');
    return { items: answer.Items, next: answer.HasMoreItems === true ? page + 1 : undefined };
  }

  getZone = (zone: number): Promise<BunnyZone> => this.call('GET', `/dnszone/${zone}`, zoneSchema, 'GET /dnszone/…');
  createRecord = (zone: number, body: RecordBody): Promise<BunnyRecord> => this.call('PUT', `/dnszone/${zone}/records`, recordSchema, 'PUT /dnszone/…/records', body);

  /** The update answers 204 with no body: any other answer is not bunny.net's, even a 2xx. */
  async updateRecord(zone: number, id: string, body: RecordBody): Promise<void> {
    await this.call('POST', `/dnszone/${zone}/records/${encodeURIComponent(id)}`, undefined, 'POST /dnszone/…/records/…', { Id: Number(id), ...body });
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, schema: S, request: string, body?: object): Promise<z.output<S>>;
  private async call(method: string, path: string, schema: undefined, request: string, body?: object): Promise<undefined>;
  private async call<S extends z.ZodMiniType>(method: string, path: string, schema: S | undefined, request: string, body?: object): Promise<z.output<S> | undefined> {
    const response = await this.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { AccessKey: this.apiKey, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    const what = `bunny.net ${request}`;
    if (response.status >= 300) throw this.failure(response, what);
    if (schema !== undefined) return readJsonAnswer(schema, response, what);
    if (response.status !== 204) throw this.fail(response.status, 'protocol', `${what}: HTTP ${response.status} answer, not the 204 bunny.net gives (${describeBody(response.text)}); is endpoint right?`);
    return undefined;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text);
    const said = `HTTP ${status}, ${error?.Message ?? describeBody(response.text)}`;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (status === 429) return this.fail(status, 'rate-limit', `${what}: rate limited (${said})`, retryAfterMs);
    if (status >= 500) return this.fail(status, 'transient', `${what}: server error (${said})`, retryAfterMs);
    if (status === 401 || status === 403) return this.fail(status, 'auth', `bunny.net rejected the API key (${said}): ${HINT}`);
    if (status === 404) return this.fail(status, 'not-found', `${what}: not found (${said}); check that the zone is in this bunny.net account`);
    if (status >= 400) return this.fail(status, 'config', `${what} refused (${said})`);
    return this.fail(status, 'protocol', `${what}: unexpected answer (${said}); is endpoint right?`);
  }

  private fail(status: number, kind: ProviderErrorKind, message: string, retryAfterMs?: number): ProviderError {
    return providerErrorWithout([this.apiKey], kind, message, { status, retryAfterMs });
  }
}
