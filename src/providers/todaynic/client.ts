import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { throwIfTransientStatus, type HttpClient, type HttpResponse } from '../../http/client.js';
import { rpcTimestamp, signRpcRequest } from '../rpc-signature.js';

/** The API host of each TodayNIC brand (WIRE.md). */
export const TODAYNIC_SITES = {
  nowcn: 'https://api.now.cn',
  eranet: 'https://www.eranet.com',
  tnethk: 'https://www.tnet.hk',
} as const;
export type TodaynicSite = keyof typeof TODAYNIC_SITES;

const baseSchema = z.object({ RequestId: z.optional(z.string()), error: z.optional(z.nullable(z.string())) });
const recordSchema = z.object({ id: z.number(), Host: z.string(), Type: z.string(), Value: z.string(), Domain: z.optional(z.string()) });
export type TodaynicRecord = z.infer<typeof recordSchema>;
const listSchema = z.object({ Data: z.nullable(z.array(recordSchema)) });
const idSchema = z.object({ Id: z.number() });

export interface TodaynicClientOptions {
  http: HttpClient;
  accessInstanceId: string;
  accessKeySecret: string;
  site: TodaynicSite;
  endpoint: string | undefined;
  now?: () => Date;
}

export interface RecordFields {
  domain: string;
  host: string;
  type: string;
  value: string;
  ttl: number;
}

export class TodaynicClient {
  private readonly base: string;

  constructor(private readonly options: TodaynicClientOptions) {
    this.base = (options.endpoint ?? TODAYNIC_SITES[options.site]).replace(/\/+$/, '');
  }

  async describeRecords(domain: string, host: string, type: string): Promise<TodaynicRecord[]> {
    return (await this.call('/api/Dns/DescribeRecordIndex', { Domain: domain, Host: host, Type: type }, listSchema)).Data ?? [];
  }

  async addRecord(fields: RecordFields): Promise<string> {
    return String((await this.call('/api/Dns/AddDomainRecord', wireFields(fields), idSchema)).Id);
  }

  async updateRecord(id: string, fields: RecordFields): Promise<void> {
    await this.call('/api/Dns/UpdateDomainRecord', { Id: id, ...wireFields(fields) }, idSchema);
  }

  private async call<S extends z.ZodMiniType>(path: string, params: Record<string, string>, schema: S): Promise<z.output<S>> {
    const signed = signRpcRequest(
      'GET',
      {
        ...params,
        AccessInstanceID: this.options.accessInstanceId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        Timestamp: rpcTimestamp((this.options.now ?? (() => new Date()))()),
      },
      this.options.accessKeySecret,
    );
    const response = await this.options.http.request({ method: 'GET', url: `${this.base}${path}?${signed.signedQuery}`, headers: { Accept: 'application/json' }, acceptAnyStatus: true });
    return this.read(response, schema, `TodayNIC ${path.slice('/api/Dns/'.length)}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const secrets = [this.options.accessKeySecret];
    throwIfTransientStatus(response, what);
    const base = parseJsonAs(baseSchema, response.text);
    if (response.status === 401 || response.status === 403) {
      throw providerErrorWithout(secrets, 'auth', `${what}: the API refused the credentials (HTTP ${response.status}, ${describeBody(response.text)}); check access_instance_id and access_key_secret (API settings in the TodayNIC console)`, { status: response.status });
    }
    if (base === undefined) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    if (typeof base.error === 'string' && base.error !== '') {
      const kind = /sign|auth|access|secret|签名|认证|密钥/i.test(base.error) ? 'auth' : 'config';
      const hint = kind === 'auth' ? 'check access_instance_id and access_key_secret' : 'check that the domain is in this account and the record name';
      throw providerErrorWithout(secrets, kind, `${what} refused: ${base.error}; ${hint}`, { status: response.status });
    }
    if (response.status !== 200) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    const data = schema.safeParse(parseJsonAs(z.unknown(), response.text));
    if (!data.success) throw new ProviderError('protocol', `${what}: unexpected answer (HTTP ${response.status}, ${describeBody(response.text)})`, { status: response.status });
    return data.data;
  }
}

function wireFields(fields: RecordFields): Record<string, string> {
  return { Domain: fields.domain, Host: fields.host, Type: fields.type, Value: fields.value, Ttl: String(fields.ttl) };
}
