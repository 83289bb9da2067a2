import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { throwIfTransientStatus, type HttpClient } from '../../http/client.js';

/** Wire client for the NameSilo API (WIRE.md in this folder): GET with the key in the query, `reply.code` 300 on success. */
export const NAMESILO_API_BASE = 'https://www.namesilo.com/api';

/** NameSilo's JSON is converted from XML: a list of one may come as the item alone. */
function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const code = z.pipe(z.union([z.number(), z.string()]), z.transform((value: number | string) => Number(value)));
const replySchema = z.object({ reply: z.looseObject({ code, detail: z.optional(z.string()) }) });

const recordSchema = z.object({
  record_id: z.string().check(z.minLength(1)),
  type: z.string(),
  host: z.string(),
  value: z.string(),
  ttl: z.optional(z.pipe(z.union([z.number(), z.string()]), z.transform((value: number | string) => Number(value)))),
});
export type NamesiloRecord = z.infer<typeof recordSchema>;

const domainsSchema = z.object({ domains: z.optional(z.object({ domain: z.union([z.array(z.string()), z.string()]) })) });
const recordsSchema = z.object({ resource_record: z.optional(z.union([z.array(recordSchema), recordSchema])) });
const recordIdSchema = z.object({ record_id: z.string().check(z.minLength(1)) });

export interface NamesiloClientOptions {
  http: HttpClient;
  apiKey: string;
  endpoint: string | undefined;
}

export class NamesiloClient {
  private readonly base: string;

  constructor(private readonly options: NamesiloClientOptions) {
    this.base = (options.endpoint ?? NAMESILO_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(): Promise<string[]> {
    return listOf((await this.call('listDomains', {}, domainsSchema)).domains?.domain);
  }

  async listRecords(domain: string): Promise<NamesiloRecord[]> {
    return listOf((await this.call('dnsListRecords', { domain }, recordsSchema)).resource_record);
  }

  async addRecord(params: { domain: string; rrtype: string; rrhost: string; rrvalue: string; rrttl: number }): Promise<string> {
    return (await this.call('dnsAddRecord', { ...params, rrttl: String(params.rrttl) }, recordIdSchema)).record_id;
  }

  async updateRecord(params: { domain: string; rrid: string; rrhost: string; rrvalue: string; rrttl: number }): Promise<string> {
    return (await this.call('dnsUpdateRecord', { ...params, rrttl: String(params.rrttl) }, recordIdSchema)).record_id;
  }

  private async call<S extends z.ZodMiniType>(operation: string, params: Record<string, string>, schema: S): Promise<z.output<S>> {
    const query = new URLSearchParams({ version: '1', type: 'json', key: this.options.apiKey, ...params });
    const response = await this.options.http.request({ method: 'GET', url: `${this.base}/${operation}?${query.toString()}`, headers: { Accept: 'application/json' }, acceptAnyStatus: true });
    const what = `NameSilo ${operation}`;
    const secrets = [this.options.apiKey];
    const envelope = parseJsonAs(replySchema, response.text);
    if (envelope === undefined) {
      throwIfTransientStatus(response, what);
      throw providerErrorWithout(secrets, 'protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    }
    const { reply } = envelope;
    if (reply.code !== 300) throw this.failure(reply.code, reply.detail ?? '', what);
    const data = schema.safeParse(reply);
    if (!data.success) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    return data.data;
  }

  private failure(code: number, detail: string, what: string): ProviderError {
    const message = `${detail || 'no detail'} (code ${code})`;
    const secrets = [this.options.apiKey];
    if (code === 110 || code === 112 || code === 113) {
      return providerErrorWithout(secrets, 'auth', `NameSilo rejected the API key: ${message}; check api_key (NameSilo account → API Manager: not a sub-account key, and allowed from this IP)`, { code });
    }
    if (code === 200) return providerErrorWithout(secrets, 'not-found', `${what}: ${message}; check that the domain is active and in this NameSilo account`, { code });
    if (code === 201) return providerErrorWithout(secrets, 'transient', `${what}: server error: ${message}`, { code });
    return providerErrorWithout(secrets, 'config', `${what} refused: ${message}`, { code });
  }
}
