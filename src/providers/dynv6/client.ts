import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for the dynv6 REST API v2 (WIRE.md in this folder): Bearer token, plain JSON, errors as `{"error":{…}}`. */
export const DYNV6_API_BASE = 'https://dynv6.com/api/v2';

const TOKEN_HINT = 'check token (dynv6 → Keys → HTTP Tokens; a token restricted to one zone reaches only that zone)';

const zoneSchema = z.object({
  id: z.number(),
  name: z.string().check(z.minLength(1)),
  ipv4address: z.nullish(z.string()),
  ipv6prefix: z.nullish(z.string()),
});
export type Dynv6Zone = z.infer<typeof zoneSchema>;

const recordSchema = z.object({
  id: z.number(),
  zoneID: z.optional(z.number()),
  name: z.string(),
  type: z.string(),
  data: z.string(),
  expandedData: z.nullish(z.string()),
});
export type Dynv6Record = z.infer<typeof recordSchema>;

/** `{"error":{"name":"ValidationError","message":"…","fields":[{"name":"data","message":"…"}]}}` (the spec's ErrorResponse). */
const errorSchema = z.object({
  error: z.object({
    name: z.optional(z.string()),
    message: z.optional(z.string()),
    fields: z.nullish(z.array(z.object({ name: z.string(), message: z.string() }))),
  }),
});

/** Body of POST …/records and PATCH …/records/{id}: `name` relative to the zone. */
export interface RecordBody {
  name: string;
  type: string;
  data: string;
}

/** The zone's own A or AAAA: its primary address fields. */
export type ZoneAddress = { ipv4address: string } | { ipv6prefix: string };

export interface Dynv6ClientOptions {
  http: HttpClient;
  token: string;
  /** Replaces the base URL, `/api/v2` included. */
  endpoint: string | undefined;
}

function errorText(error: z.infer<typeof errorSchema>['error']): string {
  const fields = (error.fields ?? []).map((field) => `${field.name}: ${field.message}`);
  return [error.name, error.message, ...fields].filter((part) => part !== undefined && part !== '').join(': ');
}

export class Dynv6Client {
  private readonly base: string;

  constructor(private readonly options: Dynv6ClientOptions) {
    this.base = (options.endpoint ?? DYNV6_API_BASE).replace(/\/+$/, '');
  }

  listZones(): Promise<Dynv6Zone[]> {
    return this.call('GET', '/zones', undefined, z.array(zoneSchema), 'GET /zones');
  }

  /** The zone named exactly `name`, or none (404). */
  async zoneByName(name: string): Promise<Dynv6Zone[]> {
    try {
      return [await this.call('GET', `/zones/by-name/${encodeURIComponent(name)}`, undefined, zoneSchema, 'GET /zones/by-name/…')];
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'not-found') return [];
      throw error;
    }
  }

  zone(id: number): Promise<Dynv6Zone> {
    return this.call('GET', `/zones/${id}`, undefined, zoneSchema, 'GET /zones/{id}');
  }

  /** Sets the zone's own address; the zone as answered, or undefined when the answer has no body. */
  async updateZone(id: number, address: ZoneAddress): Promise<Dynv6Zone | undefined> {
    const response = await this.send('PATCH', `/zones/${id}`, address, 'PATCH /zones/{id}');
    if (response.text.trim() === '') return undefined;
    return readJsonAnswer(zoneSchema, response, 'dynv6 PATCH /zones/{id}');
  }

  listRecords(zoneId: number): Promise<Dynv6Record[]> {
    return this.call('GET', `/zones/${zoneId}/records`, undefined, z.array(recordSchema), 'GET /zones/{id}/records');
  }

  createRecord(zoneId: number, body: RecordBody): Promise<Dynv6Record> {
    return this.call('POST', `/zones/${zoneId}/records`, body, recordSchema, 'POST /zones/{id}/records');
  }

  updateRecord(zoneId: number, recordId: string, body: RecordBody): Promise<Dynv6Record> {
    return this.call('PATCH', `/zones/${zoneId}/records/${encodeURIComponent(recordId)}`, body, recordSchema, 'PATCH /zones/{id}/records/{id}');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, request: string): Promise<z.output<S>> {
    return readJsonAnswer(schema, await this.send(method, path, body, request), `dynv6 ${request}`);
  }

  private async send(method: string, path: string, body: object | undefined, request: string): Promise<HttpResponse> {
    const response = await sendJson(this.options.http, { method, url: `${this.base}${path}`, authorization: `Bearer ${this.options.token}`, body });
    if (response.status >= 300) throw this.failure(response, `dynv6 ${request}`);
    return response;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const error = parseJsonAs(errorSchema, response.text)?.error;
    const said = error === undefined ? describeBody(response.text) : errorText(error) || describeBody(response.text);
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) =>
      providerErrorWithout([this.options.token], kind, message, { status, retryAfterMs, ...(error?.name === undefined ? {} : { code: error.name }) });
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (status === 429) return fail('rate-limit', `${what}: rate limited (HTTP 429, ${said})`, retryAfter);
    if (status >= 500) return fail('transient', `${what}: server error (HTTP ${status}, ${said})`, retryAfter);
    if (status === 401) return fail('auth', `dynv6 rejected the token (HTTP 401, ${said}): ${TOKEN_HINT}`);
    if (status === 403) return fail('auth', `dynv6 refused the request (HTTP 403, ${said}): ${TOKEN_HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (HTTP 404, ${said}); check that the zone is in this dynv6 account (dynv6 → Zones)`);
    if (status === 400 || status === 422) return fail('config', `${what} refused (HTTP ${status}, ${said})`);
    return fail('protocol', `${what}: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
  }
}
