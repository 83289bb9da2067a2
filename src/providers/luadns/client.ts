import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { readJsonAnswer, sendJson } from '../json-api.js';

/** Wire client for the LuaDNS REST API (WIRE.md in this folder): Basic email:api_key, JSON. */
export const LUADNS_API_BASE = 'https://api.luadns.com/v1';

const HINT = 'check email and api_key (LuaDNS → Account → API Keys; the API must be enabled)';

const zoneSchema = z.object({ id: z.number(), name: z.string().check(z.minLength(1)) });
export type LuadnsZone = z.infer<typeof zoneSchema>;
const recordSchema = z.object({ id: z.number(), name: z.string(), type: z.string(), content: z.string(), ttl: z.optional(z.number()) });
export type LuadnsRecord = z.infer<typeof recordSchema>;

export interface RecordBody {
  name: string;
  type: string;
  content: string;
  ttl: number;
}

export class LuadnsClient {
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    private readonly http: HttpClient,
    email: string,
    private readonly apiKey: string,
    endpoint: string | undefined,
  ) {
    this.base = (endpoint ?? LUADNS_API_BASE).replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}`;
  }

  listZones = (): Promise<LuadnsZone[]> => this.call('GET', '/zones', z.array(zoneSchema), 'GET /zones');
  listRecords = (zone: number): Promise<LuadnsRecord[]> => this.call('GET', `/zones/${zone}/records`, z.array(recordSchema), 'GET /zones/…/records');
  createRecord = (zone: number, body: RecordBody): Promise<LuadnsRecord> => this.call('POST', `/zones/${zone}/records`, recordSchema, 'POST /zones/…/records', body);
  updateRecord = (zone: number, id: string, body: RecordBody): Promise<LuadnsRecord> =>
    this.call('PUT', `/zones/${zone}/records/${encodeURIComponent(id)}`, recordSchema, 'PUT /zones/…/records/…', body);

  private async call<S extends z.ZodMiniType>(method: string, path: string, schema: S, request: string, body?: object): Promise<z.output<S>> {
    const response = await sendJson(this.http, { method, url: `${this.base}${path}`, authorization: this.authorization, body });
    const what = `LuaDNS ${request}`;
    if (response.status >= 300) throw this.failure(response, what);
    return readJsonAnswer(schema, response, what);
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const { status } = response;
    const said = `HTTP ${status}, ${describeBody(response.text)}`;
    const fail = (kind: ProviderErrorKind, message: string, retryAfterMs?: number) => providerErrorWithout([this.apiKey, this.authorization], kind, message, { status, retryAfterMs });
    if (status === 429) return fail('rate-limit', `${what}: rate limited (${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status >= 500) return fail('transient', `${what}: server error (${said})`, parseRetryAfter(response.headers.get('retry-after')));
    if (status === 401 || status === 403) return fail('auth', `LuaDNS rejected the credentials (${said}): ${HINT}`);
    if (status === 404) return fail('not-found', `${what}: not found (${said}); check that the zone is in this LuaDNS account`);
    if (status >= 400) return fail('config', `${what} refused (${said})`);
    return fail('protocol', `${what}: unexpected answer (${said}); is endpoint right?`);
  }
}
