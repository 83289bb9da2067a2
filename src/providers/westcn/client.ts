import * as z from 'zod/mini';
import type { HttpClient } from '../../http/client.js';
import type { CloudErrorMeaning } from '../cloud-api.js';
import { readCodeEnvelope, type CodeEnvelope } from '../code-envelope.js';
import { hashHex } from '../signing.js';
import { gbkFormBody } from './gbk-form.js';

/**
 * Wire client for West.cn's (西部数码) domain DNS API (WIRE.md in this folder): one form POST
 * endpoint routed by `act`, GBK both ways, authenticated by the account name and the MD5 of its
 * API password (`apikey`) or by one domain's key (`apidomainkey`), answers in `{code, msg, body}`.
 */
export const WESTCN_ENDPOINT = 'https://api.west.cn';
export const DNS_PATH = '/API/v2/domain/dns/';
export const RECORDS_PER_PAGE = 100;

export type WestcnAuth = { kind: 'account'; username: string; apiPassword: string } | { kind: 'domain'; domainKey: string };

/** The `apikey` of an account: the lower-case hex MD5 of its API password. */
export function westcnApiKey(apiPassword: string): string {
  return hashHex('md5', apiPassword);
}

const idSchema = z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]);
const recordSchema = z.object({
  record_id: idSchema,
  hostname: z.string(),
  record_type: z.string(),
  record_value: z.string(),
  record_ttl: z.optional(z.union([z.number(), z.string()])),
  record_line: z.optional(z.nullable(z.string())),
  pause: z.optional(z.union([z.number(), z.string()])),
});
export type WestcnRecord = z.infer<typeof recordSchema>;
const listSchema = z.object({ items: z.nullable(z.array(recordSchema)), total: z.optional(z.union([z.number(), z.string()])) });
const addedSchema = z.object({ record_id: idSchema });

const ENVELOPE: CodeEnvelope = {
  successCodes: [200],
  messageKey: 'msg',
  dataKey: 'body',
  meaningOf(code, message): CloudErrorMeaning | undefined {
    if (/already exist|已存在/i.test(message)) return 'conflict';
    if (code === 401 || code === 403 || /apikey|apidomainkey|用户名|密码|身份|认证|验证失败|权限/i.test(message)) return 'credentials';
    if (code === 429 || /频繁|频率|too many|暂停/i.test(message)) return 'rate-limit';
    if (code === 404 || /not found|not exist|不存在/i.test(message)) return 'not-found';
    return undefined;
  },
};

const DIALECT = {
  service: 'West.cn',
  credentialsHint: 'check username and api_password (West.cn 管理中心 → API 接口配置), or domain_key (the domain\'s 域名管理 → apikey)',
  permissionHint: 'check that the domain is in this West.cn account',
  signatureWindow: 'n/a',
};

export interface WestcnClientOptions {
  http: HttpClient;
  auth: WestcnAuth;
  endpoint: string | undefined;
}

export interface RecordFields {
  hostname: string;
  type: string;
  value: string;
  ttl: number;
  /** '' for the default line: then no record_line is sent. */
  line: string;
}

export class WestcnClient {
  private readonly url: string;
  private readonly credentials: Record<string, string>;
  private readonly secrets: string[];

  constructor(private readonly options: WestcnClientOptions) {
    this.url = `${(options.endpoint ?? WESTCN_ENDPOINT).replace(/\/+$/, '')}${DNS_PATH}`;
    const { auth } = options;
    if (auth.kind === 'account') {
      const apikey = westcnApiKey(auth.apiPassword);
      this.credentials = { username: auth.username, apikey };
      this.secrets = [auth.apiPassword, apikey];
    } else {
      this.credentials = { apidomainkey: auth.domainKey };
      this.secrets = [auth.domainKey];
    }
  }

  /** One page of a domain's records of `hostname` and `type` (the server's filter; callers filter again). */
  async listRecords(domain: string, filter: { hostname: string; type: string }, page: number, limit = RECORDS_PER_PAGE): Promise<{ items: WestcnRecord[]; total: number | undefined }> {
    const fields = { domain, hostname: filter.hostname, record_type: filter.type, pageno: String(page), limit: String(limit) };
    const body = await this.call('dnsrec.list', fields, listSchema, { emptyListing: true });
    if (body === undefined) return { items: [], total: 0 };
    const total = body.total === undefined ? undefined : Number(body.total);
    return { items: body.items ?? [], total: Number.isFinite(total) ? total : undefined };
  }

  async addRecord(domain: string, record: RecordFields): Promise<string> {
    const fields = { domain, hostname: record.hostname, record_type: record.type, record_value: record.value, record_ttl: String(record.ttl), record_level: '10', ...lineField(record.line) };
    const body = await this.call('dnsrec.add', fields, addedSchema);
    return String(body?.record_id);
  }

  async modifyRecord(domain: string, recordId: string, record: RecordFields): Promise<void> {
    const fields = { domain, record_id: recordId, record_type: record.type, record_value: record.value, record_ttl: String(record.ttl), record_level: '10', ...lineField(record.line) };
    await this.call('dnsrec.modify', fields, z.unknown());
  }

  private async call<S extends z.ZodMiniType>(act: string, fields: Record<string, string>, schema: S, options: { emptyListing?: boolean } = {}): Promise<z.output<S> | undefined> {
    const response = await this.options.http.request({
      method: 'POST',
      url: this.url,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: gbkFormBody({ act, ...this.credentials, ...fields }),
      responseCharset: 'gbk',
      acceptAnyStatus: true,
    });
    const what = `West.cn ${act}`;
    try {
      return readCodeEnvelope(response, ENVELOPE, DIALECT, schema, what, this.secrets);
    } catch (error) {
      // A listing with nothing in it is answered as a failure whose message says "no records" (acme.sh's dns_west_cn).
      if (options.emptyListing === true && response.status < 400 && /no records|没有记录|无记录/i.test(response.text)) return undefined;
      throw error;
    }
  }
}

function lineField(line: string): Record<string, string> {
  return line === '' ? {} : { record_line: line };
}
