import * as z from 'zod/mini';
import type { HttpClient } from '../../http/client.js';
import type { CloudErrorMeaning } from '../cloud-api.js';
import { readCodeEnvelope, type CodeEnvelope } from '../code-envelope.js';

/**
 * Wire client for Rainyun's (雨云) API v2 (WIRE.md in this folder): an `x-api-key` header, JSON
 * bodies, answers in a `{code, message, data}` envelope.
 */
export const RAINYUN_API_BASE = 'https://api.v2.rainyun.com';
export const DOMAINS_PER_PAGE = 100;
export const RECORDS_PER_PAGE = 100;

/** The key Rainyun gives for a wrong or expired API key (go-acme/lego's recorded answer). */
export const CODE_BAD_KEY = 30039;

const domainSchema = z.object({ id: z.number().check(z.int(), z.nonnegative()), domain: z.string().check(z.minLength(1)) });
export type RainyunDomain = z.infer<typeof domainSchema>;

const recordSchema = z.object({
  record_id: z.number().check(z.int(), z.nonnegative()),
  host: z.string(),
  type: z.string(),
  value: z.string(),
  ttl: z.optional(z.number()),
  // lego's recorded answer spells it TTL; Go's decoder reads either, so both are seen in the wild.
  TTL: z.optional(z.number()),
  line: z.optional(z.string()),
  level: z.optional(z.number()),
});
export type RainyunRecord = z.infer<typeof recordSchema>;

const listSchema = <T extends z.ZodMiniType>(item: T) => z.object({ TotalRecords: z.optional(z.number()), Records: z.nullable(z.array(item)) });

export interface RecordBody {
  record_id: number;
  host: string;
  type: string;
  value: string;
  ttl: number;
  line: string;
  level: number;
}

const ENVELOPE: CodeEnvelope = {
  // ddns-go's working client takes 200 as success; lego's recorded answers say 0.
  successCodes: [200, 0],
  messageKey: 'message',
  dataKey: 'data',
  meaningOf(code, message): CloudErrorMeaning | undefined {
    if (code === CODE_BAD_KEY || code === 401 || code === 403 || /密钥|api.?key|未登录|unauthori/i.test(message)) return 'credentials';
    if (code === 429 || /频繁|too many|rate/i.test(message)) return 'rate-limit';
    if (/已存在|already exist/i.test(message)) return 'conflict';
    if (code >= 500 && code < 600) return 'transient';
    return undefined;
  },
};

const DIALECT = {
  service: 'Rainyun',
  credentialsHint: 'check api_key (Rainyun console → 用户中心 → API 密钥)',
  permissionHint: 'check that the API key belongs to the account holding the domain',
  signatureWindow: 'n/a',
};

export interface RainyunClientOptions {
  http: HttpClient;
  apiKey: string;
  endpoint: string | undefined;
}

export class RainyunClient {
  private readonly base: string;

  constructor(private readonly options: RainyunClientOptions) {
    this.base = (options.endpoint ?? RAINYUN_API_BASE).replace(/\/+$/, '');
  }

  async listDomains(page: number): Promise<{ items: RainyunDomain[]; total: number | undefined }> {
    // The listing's filter, sort and paging travel as one JSON document in `options`.
    const options = JSON.stringify({ columnFilters: { 'domains.Domain': '' }, sort: [], page, perPage: DOMAINS_PER_PAGE });
    const data = await this.call('GET', `/product/domain/?${new URLSearchParams({ options }).toString()}`, undefined, listSchema(domainSchema), 'GET /product/domain');
    return { items: data.Records ?? [], total: data.TotalRecords };
  }

  async listRecords(domainId: number, page: number): Promise<{ items: RainyunRecord[]; total: number | undefined }> {
    const query = new URLSearchParams({ limit: String(RECORDS_PER_PAGE), page_no: String(page) });
    const data = await this.call('GET', `/product/domain/${domainId}/dns?${query.toString()}`, undefined, listSchema(recordSchema), 'GET /product/domain/{id}/dns');
    return { items: data.Records ?? [], total: data.TotalRecords };
  }

  async createRecord(domainId: number, body: RecordBody): Promise<void> {
    await this.call('POST', `/product/domain/${domainId}/dns`, body, z.unknown(), 'POST /product/domain/{id}/dns');
  }

  async updateRecord(domainId: number, body: RecordBody): Promise<void> {
    await this.call('PATCH', `/product/domain/${domainId}/dns`, body, z.unknown(), 'PATCH /product/domain/{id}/dns');
  }

  private async call<S extends z.ZodMiniType>(method: string, path: string, body: object | undefined, schema: S, what: string): Promise<z.output<S>> {
    const response = await this.options.http.request({
      method,
      url: `${this.base}${path}`,
      headers: { 'x-api-key': this.options.apiKey, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      acceptAnyStatus: true,
    });
    return readCodeEnvelope(response, ENVELOPE, DIALECT, schema, `Rainyun ${what}`, [this.options.apiKey]);
  }
}
