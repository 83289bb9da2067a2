import * as z from 'zod/mini';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJsonAs } from '../answers.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { signV4, type V4Scheme } from '../canonical-request.js';
import { canonicalQueryString, sha256Hex } from '../signing.js';

/**
 * Wire client for Volcengine TrafficRoute DNS, API version 2018-08-01 (WIRE.md in this folder):
 * `?Action=…&Version=…` on one endpoint, GET with query parameters or POST with a JSON body, signed
 * with Volcengine's V4 variant, answers in a `{ResponseMetadata, Result}` envelope.
 */
export const VOLCENGINE_ENDPOINT = 'https://open.volcengineapi.com';
export const VOLCENGINE_VERSION = '2018-08-01';
export const VOLCENGINE_SCOPE = { region: 'cn-north-1', service: 'DNS' } as const;

/** Volcengine's signature (volcengine.com/docs/6369/67269): SigV4's layout without the "AWS4" key prefix. */
export const VOLCENGINE_V4: V4Scheme = {
  algorithm: 'HMAC-SHA256',
  secretPrefix: '',
  terminator: 'request',
  dateHeader: 'X-Date',
  pathEncoding: 'reencode',
};

/** ListRecords answers 10 records a page unless asked; 500 is the most it gives (docs/6758/155109). */
export const RECORDS_PER_PAGE = 500;
export const ZONES_PER_PAGE = 100;

const errorSchema = z.object({ Code: z.string(), CodeN: z.optional(z.number()), Message: z.optional(z.string()) });
const envelopeSchema = z.object({
  ResponseMetadata: z.object({ RequestId: z.optional(z.string()), Error: z.optional(errorSchema) }),
  Result: z.optional(z.unknown()),
});

const zoneSchema = z.object({ ZID: z.number().check(z.int(), z.nonnegative()), ZoneName: z.string().check(z.minLength(1)) });
export type VolcengineZone = z.infer<typeof zoneSchema>;
const zonesSchema = z.object({ Zones: z.nullable(z.array(zoneSchema)), Total: z.optional(z.number()) });

const recordSchema = z.object({
  RecordID: z.string().check(z.minLength(1)),
  Host: z.string(),
  Type: z.string(),
  Value: z.string(),
  TTL: z.optional(z.number()),
  Line: z.optional(z.string()),
  Enable: z.optional(z.boolean()),
});
export type VolcengineRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ Records: z.nullable(z.array(recordSchema)), TotalCount: z.optional(z.number()) });
/** CreateRecord answers the record; UpdateRecord's answer is not documented as carrying it (WIRE.md). */
const writtenSchema = z.object({ RecordID: z.optional(z.string()), Value: z.optional(z.string()), Type: z.optional(z.string()), TTL: z.optional(z.number()) });

export const CODE_RECORD_EXISTS = 'ErrDBDuplicated';

const MEANINGS: Readonly<Record<string, CloudErrorMeaning>> = {
  InvalidAccessKey: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  MissingAuthenticationToken: 'credentials',
  InvalidAuthorization: 'credentials',
  InvalidCredential: 'credentials',
  InvalidSecretToken: 'credentials',
  AccessDenied: 'permission',
  InvalidTimestamp: 'clock-skew',
  InternalError: 'transient',
  InternalServiceTimeout: 'transient',
  ServiceUnavailableTemp: 'transient',
  [CODE_RECORD_EXISTS]: 'conflict',
};

export const VOLCENGINE_DIALECT: CloudApiDialect = {
  service: 'Volcengine',
  credentialsHint: 'check access_key_id and secret_access_key (Volcengine console → 访问控制 → 密钥管理)',
  permissionHint: 'grant the IAM user the DNS policy TrafficRouteDNSFullAccess (or one allowing ListZones, ListRecords, CreateRecord and UpdateRecord)',
  signatureWindow: '15 minutes',
  meaningOf: (code) => MEANINGS[code] ?? (/FlowLimit|Throttl|TooManyRequests|RequestLimit/i.test(code) ? 'rate-limit' : /NotFound|NotExist/i.test(code) ? 'not-found' : undefined),
};

export interface VolcengineClientOptions {
  http: HttpClient;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string | undefined;
  now?: () => Date;
}

export interface RecordFilter {
  ZID: number;
  Host: string;
  Type: string;
  Line: string;
}

export class VolcengineClient {
  private readonly base: URL;
  private readonly now: () => Date;

  constructor(private readonly options: VolcengineClientOptions) {
    this.base = new URL(options.endpoint ?? VOLCENGINE_ENDPOINT);
    this.now = options.now ?? (() => new Date());
  }

  async listZones(page: number, key?: string): Promise<{ zones: VolcengineZone[]; total: number | undefined }> {
    const result = await this.call('GET', 'ListZones', { PageNumber: String(page), PageSize: String(ZONES_PER_PAGE), ...(key === undefined ? {} : { Key: key }) }, undefined, zonesSchema);
    return { zones: result.Zones ?? [], total: result.Total };
  }

  /** One page of the records of a host: exact match, or the API's default fuzzy match would be used. */
  async listRecords(filter: RecordFilter, page: number): Promise<{ records: VolcengineRecord[]; total: number | undefined }> {
    const query = { ZID: String(filter.ZID), Host: filter.Host, Type: filter.Type, Line: filter.Line, SearchMode: 'exact', PageNumber: String(page), PageSize: String(RECORDS_PER_PAGE) };
    const result = await this.call('GET', 'ListRecords', query, undefined, recordsSchema);
    return { records: result.Records ?? [], total: result.TotalCount };
  }

  async createRecord(body: { ZID: number; Host: string; Type: string; Value: string; TTL: number; Line: string }): Promise<z.infer<typeof writtenSchema>> {
    return this.call('POST', 'CreateRecord', {}, body, writtenSchema);
  }

  async updateRecord(body: { RecordID: string; Host: string; Type: string; Value: string; TTL: number; Line: string }): Promise<z.infer<typeof writtenSchema>> {
    return this.call('POST', 'UpdateRecord', {}, body, writtenSchema);
  }

  private async call<S extends z.ZodMiniType>(method: 'GET' | 'POST', action: string, params: Record<string, string>, body: object | undefined, schema: S): Promise<z.output<S>> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    // The query is sent in its canonical form, so what is signed is byte for byte what is sent.
    const query = canonicalQueryString({ Action: action, Version: VOLCENGINE_VERSION, ...params });
    const url = `${this.base.origin}${this.base.pathname.replace(/\/*$/, '/')}?${query}`;
    const signed = signV4(
      {
        method,
        url,
        headers: { Host: this.base.host, 'Content-Type': 'application/json', 'X-Content-Sha256': sha256Hex(payload) },
        body: payload,
      },
      { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey },
      VOLCENGINE_V4,
      VOLCENGINE_SCOPE,
      this.now(),
    );
    const response = await this.options.http.request({
      method,
      url,
      headers: { ...signed.headers, Accept: 'application/json' },
      ...(method === 'POST' ? { body: payload } : {}),
      acceptAnyStatus: true,
    });
    return this.read(response, schema, `Volcengine ${action}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined) throw unreadableAnswer(response, what);
    const failure = envelope.ResponseMetadata.Error;
    if (failure !== undefined || response.status >= 400) {
      const detail = { code: failure?.Code, message: failure?.Message, requestId: envelope.ResponseMetadata.RequestId };
      throw cloudFailure(VOLCENGINE_DIALECT, response, detail, what, [this.options.secretAccessKey, this.options.accessKeyId]);
    }
    const result = schema.safeParse(envelope.Result);
    if (!result.success) throw unexpectedPayload(response, what, firstIssueOf(result.error.issues));
    return result.data;
  }
}
