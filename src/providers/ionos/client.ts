import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJson, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';

/** Wire client for the IONOS DNS API (WIRE.md in this folder): `X-API-Key`, plain JSON, errors as an array. */
export const IONOS_API_BASE = 'https://api.hosting.ionos.com';

const zoneSchema = z.object({ id: z.string().check(z.minLength(1)), name: z.string(), type: z.optional(z.string()) });
export type IonosZone = z.infer<typeof zoneSchema>;

const recordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  type: z.string(),
  content: z.string(),
  ttl: z.optional(z.number()),
  prio: z.optional(z.number()),
  disabled: z.optional(z.boolean()),
});
export type IonosRecord = z.infer<typeof recordSchema>;

const zoneWithRecordsSchema = z.object({ id: z.string(), name: z.string(), records: z.optional(z.array(recordSchema)) });

const errorItemSchema = z.object({ code: z.optional(z.string()), message: z.optional(z.string()) });
const errorsSchema = z.union([z.array(errorItemSchema), errorItemSchema]);

export interface NewIonosRecord {
  name: string;
  type: string;
  content: string;
  ttl: number;
  prio: number;
  disabled: boolean;
}

export interface IonosClientOptions {
  http: HttpClient;
  apiKey: string;
  endpoint: string | undefined;
}

const KEY_HINT = 'check api_key ("<public prefix>.<secret>", IONOS developer console → API keys)';

export class IonosClient {
  private readonly base: string;

  constructor(private readonly options: IonosClientOptions) {
    this.base = (options.endpoint ?? IONOS_API_BASE).replace(/\/+$/, '');
  }

  /** Every zone of the account in one answer (the API does not page it). */
  async listZones(): Promise<IonosZone[]> {
    return this.call('GET', '/dns/v1/zones', undefined, z.array(zoneSchema), 'GET /dns/v1/zones');
  }

  async listRecords(zoneId: string, name: string, type: string): Promise<IonosRecord[]> {
    const query = new URLSearchParams({ recordName: name, recordType: type });
    const zone = await this.call('GET', `/dns/v1/zones/${encodeURIComponent(zoneId)}?${query.toString()}`, undefined, zoneWithRecordsSchema, 'GET /dns/v1/zones/{zoneId}');
    return zone.records ?? [];
  }

  /** The API takes an array and answers with the records it made. */
  async createRecord(zoneId: string, record: NewIonosRecord): Promise<IonosRecord> {
    const created = await this.call('POST', `/dns/v1/zones/${encodeURIComponent(zoneId)}/records`, [record], z.array(recordSchema), 'POST /dns/v1/zones/{zoneId}/records');
    const first = created[0];
    if (first === undefined || created.length !== 1) throw new ProviderError('protocol', `IONOS POST /dns/v1/zones/{zoneId}/records: expected one record in the answer, got ${created.length}`);
    return first;
  }

  async updateRecord(zoneId: string, recordId: string, body: { content: string; ttl: number; prio: number; disabled: boolean }): Promise<IonosRecord> {
    return this.call('PUT', `/dns/v1/zones/${encodeURIComponent(zoneId)}/records/${encodeURIComponent(recordId)}`, body, recordSchema, 'PUT /dns/v1/zones/{zoneId}/records/{recordId}');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: unknown, schema: S, what: string): Promise<z.output<S>> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { 'X-API-Key': this.options.apiKey, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    const label = `IONOS ${what}`;
    if (response.status < 200 || response.status >= 300) throw this.failure(response, label);
    const parsed = schema.safeParse(parseJson(response.text));
    if (!parsed.success) throw new ProviderError('protocol', `${label}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    return parsed.data;
  }

  private failure(response: HttpResponse, what: string): ProviderError {
    const errors = parseJsonAs(errorsSchema, response.text);
    const first = Array.isArray(errors) ? errors[0] : errors;
    const code = first?.code;
    const detail = first?.message !== undefined ? `${first.message}${code === undefined ? '' : ` (${code})`}` : `HTTP ${response.status}, ${describeBody(response.text)}`;
    const secrets = [this.options.apiKey, ...this.options.apiKey.split('.')];
    const details = { status: response.status, ...(code === undefined ? {} : { code }) };
    const status = response.status;
    if (status === 401 || status === 403) return providerErrorWithout(secrets, 'auth', `IONOS rejected the API key: ${detail}; ${KEY_HINT}`, details);
    if (status === 429) {
      return providerErrorWithout(secrets, 'rate-limit', `${what}: rate limited: ${detail}`, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    }
    if (status >= 500) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${detail}`, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    if (status === 404) return providerErrorWithout(secrets, 'not-found', `${what}: not found: ${detail}; check that the zone is in this IONOS account`, details);
    if (status === 409) return providerErrorWithout(secrets, 'conflict', `${what}: conflict: ${detail}`, details);
    if (errors === undefined) return providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (${detail})`, details);
    return providerErrorWithout(secrets, 'config', `${what} refused: ${detail}`, details);
  }
}
