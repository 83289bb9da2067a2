import * as z from 'zod/mini';
import type { HttpClient } from '../../http/client.js';
import type { CloudErrorMeaning } from '../cloud-api.js';
import { readCodeEnvelope, type CodeEnvelope } from '../code-envelope.js';
import { canonicalQueryString, hashHex } from '../signing.js';

/**
 * Wire client for the 51DNS / dns.com (帝恩思) API (WIRE.md in this folder): form POSTs to
 * `/api/<module>/<action>`, each carrying apiKey, timestamp and `hash`, the MD5 of the sorted
 * parameters and the API secret; answers in a `{code, message, data}` envelope, code 0 success.
 */
export const DNSCOM_ENDPOINT = 'https://www.51dns.com';
export const DOMAINS_PER_PAGE = 100;
export const RECORDS_PER_PAGE = 500;

/**
 * The string 51DNS signs (www.dns.com/document/api/70/72.html): every parameter as
 * `name=value`, sorted by name, joined by `&`, values as they are (not URL-encoded), followed
 * directly by the API secret.
 */
export function dnscomStringToSign(params: Readonly<Record<string, string>>, apiSecret: string): string {
  return `${canonicalQueryString(params, (value) => value)}${apiSecret}`;
}

export function dnscomHash(params: Readonly<Record<string, string>>, apiSecret: string): string {
  return hashHex('md5', dnscomStringToSign(params, apiSecret));
}

const idSchema = z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]);
const pagedSchema = <T extends z.ZodMiniType>(item: T) =>
  z.object({ data: z.nullable(z.array(item)), page: z.optional(z.union([z.number(), z.string()])), pageCount: z.optional(z.union([z.number(), z.string()])) });

const domainSchema = z.object({ domainID: idSchema, domains: z.string().check(z.minLength(1)) });
export type DnscomDomain = z.infer<typeof domainSchema>;
const singleDomainSchema = z.object({ domainID: idSchema, domains: z.optional(z.string()) });

const recordSchema = z.object({
  recordID: idSchema,
  /** The host, relative to the domain (NewFuture reads it so); some answers may write the full name. */
  record: z.optional(z.string()),
  host: z.optional(z.string()),
  type: z.string(),
  value: z.string(),
  TTL: z.optional(z.union([z.number(), z.string()])),
  ttl: z.optional(z.union([z.number(), z.string()])),
  viewID: z.optional(z.union([z.number(), z.string()])),
});
export type DnscomRecord = z.infer<typeof recordSchema>;
const createdSchema = z.object({ recordID: idSchema });

const ENVELOPE: CodeEnvelope = {
  successCodes: [0],
  messageKey: 'message',
  dataKey: 'data',
  meaningOf(code, message): CloudErrorMeaning | undefined {
    if (/已存在|重复|already exist/i.test(message)) return 'conflict';
    if (/时间戳|timestamp|过期|expired/i.test(message)) return 'clock-skew';
    if (/签名|hash|apikey|密钥|secret|unauthori/i.test(message)) return 'credentials';
    if (/权限|permission|forbidden/i.test(message)) return 'permission';
    if (/频繁|频率|too many|rate limit/i.test(message)) return 'rate-limit';
    if (/不存在|not exist|not found/i.test(message)) return 'not-found';
    if (code >= 500 && code < 600) return 'transient';
    return undefined;
  },
};

const DIALECT = {
  service: '51DNS',
  credentialsHint: 'check api_key and api_secret (51DNS / dns.com 设置中心 → API 密钥管理)',
  permissionHint: 'check that the API key belongs to the account holding the domain',
  signatureWindow: 'a few minutes (the timestamp is checked; the exact window is not published)',
};

export interface DnscomClientOptions {
  http: HttpClient;
  apiKey: string;
  apiSecret: string;
  endpoint: string | undefined;
  now?: () => Date;
}

function pageCountOf(value: number | string | undefined): number | undefined {
  const count = typeof value === 'string' ? Number(value) : value;
  return count !== undefined && Number.isInteger(count) ? count : undefined;
}

export class DnscomClient {
  private readonly base: string;
  private readonly now: () => Date;

  constructor(private readonly options: DnscomClientOptions) {
    this.base = (options.endpoint ?? DNSCOM_ENDPOINT).replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  async listDomains(page: number): Promise<{ items: DnscomDomain[]; pageCount: number | undefined }> {
    const data = await this.call('domain/list', { page: String(page), pageSize: String(DOMAINS_PER_PAGE) }, pagedSchema(domainSchema));
    return { items: data.data ?? [], pageCount: pageCountOf(data.pageCount) };
  }

  /** The domain of that name, asked by name (`domainID` takes the name as well as the id). */
  async domainNamed(name: string): Promise<DnscomDomain> {
    const data = await this.call('domain/getsingle', { domainID: name }, singleDomainSchema);
    return { domainID: data.domainID, domains: data.domains ?? name };
  }

  async listRecords(domainId: string, host: string, page: number): Promise<{ items: DnscomRecord[]; pageCount: number | undefined }> {
    const data = await this.call('record/list', { domainID: domainId, host, page: String(page), pageSize: String(RECORDS_PER_PAGE) }, pagedSchema(recordSchema));
    return { items: data.data ?? [], pageCount: pageCountOf(data.pageCount) };
  }

  async createRecord(fields: { domainID: string; host: string; type: string; value: string; TTL: number; viewID?: string }): Promise<string> {
    const { viewID, TTL, ...rest } = fields;
    const data = await this.call('record/create', { ...rest, TTL: String(TTL), ...(viewID === undefined ? {} : { viewID }) }, createdSchema);
    return String(data.recordID);
  }

  async modifyRecord(fields: { domainID: string; recordID: string; newvalue: string; newTTL: number }): Promise<void> {
    await this.call('record/modify', { ...fields, newTTL: String(fields.newTTL) }, z.unknown());
  }

  /** The signed form of `params`: apiKey and timestamp (unix seconds) added, then `hash`. */
  signedForm(params: Readonly<Record<string, string>>): URLSearchParams {
    const signed = { ...params, apiKey: this.options.apiKey, timestamp: String(Math.floor(this.now().getTime() / 1000)) };
    return new URLSearchParams({ ...signed, hash: dnscomHash(signed, this.options.apiSecret) });
  }

  private async call<S extends z.ZodMiniType>(action: string, params: Record<string, string>, schema: S): Promise<z.output<S>> {
    const response = await this.options.http.request({
      method: 'POST',
      url: `${this.base}/api/${action}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: this.signedForm(params).toString(),
      acceptAnyStatus: true,
    });
    return readCodeEnvelope(response, ENVELOPE, DIALECT, schema, `51DNS ${action}`, [this.options.apiSecret]);
  }
}
