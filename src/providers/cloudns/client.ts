import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { throwIfTransientStatus, type HttpClient } from '../../http/client.js';
import { describeBody, parseJson } from '../answers.js';
import { foreignReason } from '../../messages.js';

/**
 * Wire client for the ClouDNS HTTP API (WIRE.md in this folder): form POSTs to
 * `/dns/<method>.json` carrying the API user's id and password, always HTTP 200; a failure is
 * `{"status":"Failed","statusDescription":…}`, a listing answers its data directly.
 */
export const CLOUDNS_API_BASE = 'https://api.cloudns.net';
export const ZONES_PER_PAGE = 100;
export const RECORDS_PER_PAGE = 100;

/** Which kind of API user the id names: the parameter it travels in. */
export type CloudnsIdParameter = 'auth-id' | 'sub-auth-id' | 'sub-auth-user';

const failedSchema = z.object({ status: z.literal('Failed'), statusDescription: z.optional(z.string()) });
const zoneSchema = z.looseObject({ name: z.string().check(z.minLength(1)), type: z.optional(z.string()) });
const zonesSchema = z.array(zoneSchema);
export type CloudnsZone = z.infer<typeof zoneSchema>;

const recordSchema = z.looseObject({
  id: z.union([z.string().check(z.regex(/^\d+$/)), z.number().check(z.int(), z.nonnegative())]),
  type: z.string(),
  host: z.string(),
  record: z.string(),
  ttl: z.optional(z.union([z.string(), z.number()])),
});
export type CloudnsRecord = z.infer<typeof recordSchema>;
/** An object keyed by record id, or `[]` when there are none. */
const recordsSchema = z.union([z.array(z.never()), z.record(z.string(), recordSchema)]);

const successSchema = z.object({ status: z.literal('Success') });
const addedSchema = z.object({ status: z.literal('Success'), data: z.object({ id: z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]) }) });

export interface CloudnsClientOptions {
  http: HttpClient;
  idParameter: CloudnsIdParameter;
  id: string;
  password: string;
  endpoint: string | undefined;
}

export class CloudnsClient {
  private readonly base: string;

  constructor(private readonly options: CloudnsClientOptions) {
    this.base = (options.endpoint ?? CLOUDNS_API_BASE).replace(/\/+$/, '');
  }

  /** One page of the zones (`search`: a keyword in their names). */
  async listZones(page: number, search?: string): Promise<CloudnsZone[]> {
    const params = { page: String(page), 'rows-per-page': String(ZONES_PER_PAGE), ...(search === undefined ? {} : { search }) };
    return this.call('list-zones', params, zonesSchema);
  }

  /** One page of the records of `host` (empty: the apex) and `type`. */
  async listRecords(zone: string, host: string, type: string, page: number): Promise<CloudnsRecord[]> {
    const params = { 'domain-name': zone, host, type, 'rows-per-page': String(RECORDS_PER_PAGE), page: String(page) };
    const records = await this.call('records', params, recordsSchema);
    return Array.isArray(records) ? [] : Object.values(records);
  }

  /** Creates the record; its id. */
  async addRecord(fields: { zone: string; type: string; host: string; record: string; ttl: number }): Promise<string> {
    const params = { 'domain-name': fields.zone, 'record-type': fields.type, host: fields.host, record: fields.record, ttl: String(fields.ttl) };
    return String((await this.call('add-record', params, addedSchema)).data.id);
  }

  async modifyRecord(fields: { zone: string; id: string; host: string; record: string; ttl: number }): Promise<void> {
    const params = { 'domain-name': fields.zone, 'record-id': fields.id, host: fields.host, record: fields.record, ttl: String(fields.ttl) };
    await this.call('mod-record', params, successSchema);
  }

  private async call<S extends z.ZodMiniType>(method: string, params: Record<string, string>, schema: S): Promise<z.output<S>> {
    const form = new URLSearchParams({ [this.options.idParameter]: this.options.id, 'auth-password': this.options.password, ...params });
    const what = `ClouDNS ${method}`;
    const response = await this.options.http.request({
      method: 'POST',
      url: `${this.base}/dns/${method}.json`,
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      acceptAnyStatus: true,
    });
    throwIfTransientStatus(response, what);
    const body = parseJson(response.text);
    const failed = failedSchema.safeParse(body);
    if (failed.success) throw this.failure(failed.data.statusDescription ?? '', what, response.status);
    const data = schema.safeParse(body);
    if (!data.success || response.status !== 200) {
      throw providerErrorWithout(this.secrets(), 'protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)}); is endpoint right?`, { status: response.status });
    }
    return data.data;
  }

  private secrets(): string[] {
    return [this.options.password];
  }

  private failure(description: string, what: string, status: number): ProviderError {
    const detail = description.trim() === '' ? 'no statusDescription' : foreignReason(description.trim(), 120);
    const fail = (kind: ConstructorParameters<typeof ProviderError>[0], message: string) => providerErrorWithout(this.secrets(), kind, message, { status });
    if (/invalid authentication/i.test(detail)) {
      const key = this.options.idParameter.replace(/-/g, '_');
      return fail('auth', `ClouDNS rejected the credentials: ${detail} Check ${key} and auth_password (ClouDNS → API & Resellers; API access needs a paid plan, and the API user may be limited to some IP addresses)`);
    }
    if (/request blocked|requests per (second|minute|hour)/i.test(detail)) return fail('rate-limit', `${what}: rate limited: ${detail}`);
    if (/missing domain-name/i.test(detail)) return fail('not-found', `${what}: ${detail}; check that the zone is a master zone in this ClouDNS account (or the sub-user's zones)`);
    if (/invalid record-id/i.test(detail)) return fail('not-found', `${what}: ${detail}; the record was deleted meanwhile, the next run creates it again`);
    if (/invalid ttl/i.test(detail)) return fail('config', `${what}: ${detail}; check the record's ttl (changing it needs a Premium, DDoS or GeoDNS plan)`);
    return fail('config', `${what} refused: ${detail}`);
  }
}
