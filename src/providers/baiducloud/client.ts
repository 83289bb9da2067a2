import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJson, parseJsonAs } from '../answers.js';
import { bceTimestamp, signBceAuthV1 } from '../canonical-request.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { canonicalQueryString, percentEncode } from '../signing.js';

/**
 * Wire client for Baidu AI Cloud DNS (公网 DNS, WIRE.md in this folder): REST paths under
 * /v1/dns/zone, JSON bodies, every request signed with bce-auth-v1; failures answer
 * `{requestId, code, message}`; writes answer nothing but their status.
 */
export const BAIDUCLOUD_ENDPOINT = 'https://dns.baidubce.com';
/** How long a signature stays valid (seconds): what Baidu's SDKs use. */
export const SIGNATURE_EXPIRATION_SECONDS = 1800;
/** The most a page holds, and the API's default (maxKeys, bce-sdk-go services/dns). */
export const PAGE_SIZE = 1000;

const errorSchema = z.object({ code: z.optional(z.string()), message: z.optional(z.string()), requestId: z.optional(z.string()) });

const zoneSchema = z.object({ id: z.optional(z.string()), name: z.string().check(z.minLength(1)), status: z.optional(z.string()) });
export type BaiduZone = z.infer<typeof zoneSchema>;
const zonesSchema = z.object({ zones: z.array(zoneSchema), isTruncated: z.optional(z.boolean()), nextMarker: z.optional(z.nullable(z.string())) });

const recordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  rr: z.string(),
  type: z.string(),
  value: z.string(),
  ttl: z.optional(z.number()),
  line: z.optional(z.string()),
  status: z.optional(z.string()),
});
export type BaiduRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ records: z.array(recordSchema), isTruncated: z.optional(z.boolean()), nextMarker: z.optional(z.nullable(z.string())) });

const MEANINGS: Readonly<Record<string, CloudErrorMeaning>> = {
  InvalidAccessKeyId: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  InvalidHTTPAuthHeader: 'credentials',
  AccessDenied: 'permission',
  OptInRequired: 'permission',
  RequestExpired: 'clock-skew',
  InternalError: 'transient',
  ServiceUnavailable: 'transient',
};

export const BAIDUCLOUD_DIALECT: CloudApiDialect = {
  service: 'Baidu AI Cloud',
  credentialsHint: 'check access_key_id and secret_access_key (Baidu AI Cloud console → 安全认证 → Access Key)',
  permissionHint: 'grant the IAM user DNS access (policy DNSFullControlAccessPolicy, or one allowing the zone and record operations) and make sure the DNS service is activated',
  signatureWindow: '30 minutes',
  meaningOf: (code) =>
    MEANINGS[code] ??
    (/RateLimit|TooManyRequests|Throttl|QpsLimit/i.test(code)
      ? 'rate-limit'
      : /AlreadyExist|Duplicat|RecordExist|Conflict/i.test(code)
        ? 'conflict'
        : /NotFound|NotExist/i.test(code)
          ? 'not-found'
          : undefined),
};

export interface BaiducloudClientOptions {
  http: HttpClient;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string | undefined;
  now?: () => Date;
}

export interface RecordWrite {
  rr: string;
  type: string;
  value: string;
  ttl: number;
}

export interface Listing<T> {
  items: T[];
  nextMarker: string | undefined;
}

export class BaiducloudClient {
  private readonly base: URL;
  private readonly now: () => Date;

  constructor(private readonly options: BaiducloudClientOptions) {
    this.base = new URL(options.endpoint ?? BAIDUCLOUD_ENDPOINT);
    this.now = options.now ?? (() => new Date());
  }

  /** `marker` '' asks for the first page. */
  async listZones(marker: string, name?: string): Promise<Listing<BaiduZone>> {
    const query = { maxKeys: String(PAGE_SIZE), ...(marker === '' ? {} : { marker }), ...(name === undefined ? {} : { name }) };
    const answer = await this.call('GET', '/v1/dns/zone', query, undefined, 'Baidu AI Cloud ListZone');
    const page = this.parse(answer.response, zonesSchema, answer.body, 'Baidu AI Cloud ListZone');
    return { items: page.zones, nextMarker: page.isTruncated === true && page.nextMarker ? page.nextMarker : undefined };
  }

  /** One page of a zone's records whose host is `rr` (the API matches rr exactly, WIRE.md). */
  async listRecords(zone: string, rr: string, marker: string): Promise<Listing<BaiduRecord>> {
    const query = { rr, maxKeys: String(PAGE_SIZE), ...(marker === '' ? {} : { marker }) };
    const answer = await this.call('GET', `/v1/dns/zone/${percentEncode(zone)}/record`, query, undefined, 'Baidu AI Cloud ListRecord');
    const page = this.parse(answer.response, recordsSchema, answer.body, 'Baidu AI Cloud ListRecord');
    return { items: page.records, nextMarker: page.isTruncated === true && page.nextMarker ? page.nextMarker : undefined };
  }

  async createRecord(zone: string, record: RecordWrite & { line: string }): Promise<void> {
    await this.call('POST', `/v1/dns/zone/${percentEncode(zone)}/record`, { clientToken: randomUUID() }, record, 'Baidu AI Cloud CreateRecord');
  }

  async updateRecord(zone: string, id: string, record: RecordWrite): Promise<void> {
    await this.call('PUT', `/v1/dns/zone/${percentEncode(zone)}/record/${percentEncode(id)}`, { clientToken: randomUUID() }, record, 'Baidu AI Cloud UpdateRecord');
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, params: Record<string, string>, body: object | undefined, what: string): Promise<{ response: HttpResponse; body: unknown }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // The query is sent in its canonical form, so what is signed is byte for byte what is sent.
    const query = canonicalQueryString(params);
    const url = `${this.base.origin}${this.base.pathname.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = {
      Host: this.base.host,
      'x-bce-date': bceTimestamp(this.now()),
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    };
    const signed = signBceAuthV1({ method, url, headers }, { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey }, headers['x-bce-date'] ?? '', SIGNATURE_EXPIRATION_SECONDS);
    const response = await this.options.http.request({
      method,
      url,
      headers: { ...headers, Authorization: signed.authorization, Accept: 'application/json' },
      ...(payload === undefined ? {} : { body: payload }),
      acceptAnyStatus: true,
    });
    if (response.status >= 200 && response.status < 300) {
      // A write answers 200 with no body, and its effect is read back; a body that is not even JSON
      // (cut, a proxy's page) means the answer did not come from the API as sent, so it confirms nothing.
      if (method !== 'GET' && response.text.trim() === '') return { response, body: undefined };
      const parsed = parseJson(response.text);
      if (parsed === undefined) throw unreadableAnswer(response, what);
      return { response, body: parsed };
    }
    const failure = parseJsonAs(errorSchema, response.text);
    if (failure === undefined || (failure.code === undefined && failure.message === undefined)) throw unreadableAnswer(response, what);
    throw cloudFailure(BAIDUCLOUD_DIALECT, response, { code: failure.code, message: failure.message, requestId: failure.requestId }, what, [this.options.secretAccessKey, this.options.accessKeyId]);
  }

  private parse<S extends z.ZodMiniType>(response: HttpResponse, schema: S, body: unknown, what: string): z.output<S> {
    const result = schema.safeParse(body);
    if (!result.success) throw unexpectedPayload(response, what, firstIssueOf(result.error.issues));
    return result.data;
  }
}
