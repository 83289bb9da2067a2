import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJsonAs } from '../answers.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { rpcTimestamp, signRpcRequest, type RpcMethod } from '../rpc-signature.js';

/**
 * Wire client for Alibaba Cloud ESA, API version 2024-09-10 (WIRE.md in this folder): an RPC API
 * (`Action`, `Version` and the common parameters in the query or form), signed with the same
 * RPC signature V1 as Alidns, answering JSON with the POP error envelope on failure.
 */
export const ESA_ENDPOINT = 'https://esa.cn-hangzhou.aliyuncs.com';
export const ESA_VERSION = '2024-09-10';

/** The most ListSites and ListRecords give a page; asked for, so a name needs one page in practice. */
export const SITES_PER_PAGE = 500;
export const RECORDS_PER_PAGE = 500;

const numberish = z.pipe(z.union([z.number(), z.string().check(z.regex(/^\d+$/))]), z.transform((value) => Number(value)));
const idString = z.pipe(z.union([z.string().check(z.minLength(1)), z.number()]), z.transform((value) => String(value)));

const errorSchema = z.object({ Code: z.string().check(z.minLength(1)), Message: z.optional(z.string()), RequestId: z.optional(z.string()) });

const siteSchema = z.object({ SiteId: idString, SiteName: z.string().check(z.minLength(1)), AccessType: z.optional(z.string()), Status: z.optional(z.string()) });
export type EsaSite = z.infer<typeof siteSchema>;
const sitesSchema = z.object({ Sites: z._default(z.array(siteSchema), []), TotalCount: z.optional(numberish) });

const recordSchema = z.object({
  RecordId: idString,
  RecordName: z.string(),
  RecordType: z.string(),
  Data: z.object({ Value: z.string() }),
  Ttl: z.optional(numberish),
  Proxied: z.optional(z.boolean()),
});
export type EsaRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ Records: z._default(z.array(recordSchema), []), TotalCount: z.optional(numberish) });
const createdSchema = z.object({ RecordId: idString });
/** UpdateRecord answers nothing but its RequestId: every ESA answer has one, so its absence means it is not ESA's. */
const updatedSchema = z.object({ RequestId: z.string().check(z.minLength(1)) });

export const CODE_RECORD_EXISTS = 'Record.Exist';

const MEANINGS: Readonly<Record<string, CloudErrorMeaning>> = {
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignature: 'credentials',
  InvalidAccessKeyId: 'credentials',
  'InvalidAccessKeyId.NotFound': 'credentials',
  'InvalidAccessKeyId.Inactive': 'credentials',
  'Forbidden.RAM': 'permission',
  'Forbidden.AccessKeyDisabled': 'credentials',
  Forbidden: 'permission',
  NoPermission: 'permission',
  'InvalidTimeStamp.Expired': 'clock-skew',
  // Every attempt signs with a new nonce, so a retry cannot hit this twice.
  SignatureNonceUsed: 'transient',
  InternalError: 'transient',
  ServiceUnavailable: 'transient',
  [CODE_RECORD_EXISTS]: 'conflict',
};

export const ESA_DIALECT: CloudApiDialect = {
  service: 'Alibaba Cloud ESA',
  credentialsHint: 'check access_key_id and access_key_secret (an AccessKey pair of a RAM user, RAM console → AccessKey)',
  permissionHint: 'grant the RAM user AliyunESAFullAccess, or a policy allowing esa:ListSites, esa:ListRecords, esa:CreateRecord and esa:UpdateRecord',
  signatureWindow: '15 minutes',
  meaningOf: (code) =>
    MEANINGS[code] ??
    (/^Throttling/.test(code) ? 'rate-limit' : /(Record|DNS).*(Exist|Duplicate)|Duplicate/i.test(code) ? 'conflict' : /NotFound|NotExist/i.test(code) ? 'not-found' : undefined),
};

export interface EsaClientOptions {
  http: HttpClient;
  accessKeyId: string;
  accessKeySecret: string;
  endpoint: string | undefined;
  now?: () => Date;
  nonce?: () => string;
}

export interface NewEsaRecord {
  siteId: string;
  recordName: string;
  type: string;
  value: string;
  ttl: number;
}

export class EsaClient {
  private readonly base: URL;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(private readonly options: EsaClientOptions) {
    this.base = new URL(options.endpoint ?? ESA_ENDPOINT);
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? randomUUID;
  }

  async listSites(page: number, siteName?: string): Promise<{ sites: EsaSite[]; total: number | undefined }> {
    const params = { PageNumber: String(page), PageSize: String(SITES_PER_PAGE), ...(siteName === undefined ? {} : { SiteName: siteName, SiteSearchType: 'exact' }) };
    const result = await this.call('GET', 'ListSites', params, sitesSchema);
    return { sites: result.Sites, total: result.TotalCount };
  }

  /** One page of the records of a full name: exact match, as the default is a fuzzy one. */
  async listRecords(siteId: string, recordName: string, type: string, page: number): Promise<{ records: EsaRecord[]; total: number | undefined }> {
    const params = { SiteId: siteId, RecordName: recordName, RecordMatchType: 'exact', Type: type, PageNumber: String(page), PageSize: String(RECORDS_PER_PAGE) };
    const result = await this.call('GET', 'ListRecords', params, recordsSchema);
    return { records: result.Records, total: result.TotalCount };
  }

  async createRecord(record: NewEsaRecord): Promise<string> {
    const params = { SiteId: record.siteId, RecordName: record.recordName, Type: record.type, Data: JSON.stringify({ Value: record.value }), Ttl: String(record.ttl), Proxied: 'false' };
    return (await this.call('POST', 'CreateRecord', params, createdSchema)).RecordId;
  }

  async updateRecord(recordId: string, value: string, ttl: number): Promise<void> {
    await this.call('POST', 'UpdateRecord', { RecordId: recordId, Data: JSON.stringify({ Value: value }), Ttl: String(ttl) }, updatedSchema);
  }

  private async call<S extends z.ZodMiniType>(method: RpcMethod, action: string, actionParams: Record<string, string>, schema: S): Promise<z.output<S>> {
    const params: Record<string, string> = {
      ...actionParams,
      Action: action,
      Version: ESA_VERSION,
      Format: 'JSON',
      AccessKeyId: this.options.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      // A fresh nonce and timestamp per attempt: a retried request is a new request.
      SignatureNonce: this.nonce(),
      Timestamp: rpcTimestamp(this.now()),
    };
    const { signedQuery } = signRpcRequest(method, params, this.options.accessKeySecret);
    const url = `${this.base.origin}${this.base.pathname.replace(/\/*$/, '/')}`;
    const response =
      method === 'GET'
        ? await this.options.http.request({ method, url: `${url}?${signedQuery}`, headers: { Accept: 'application/json' }, acceptAnyStatus: true })
        : await this.options.http.request({
            method,
            url,
            headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
            body: signedQuery,
            acceptAnyStatus: true,
          });
    return this.read(response, schema, `Alibaba Cloud ESA ${action}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const failure = parseJsonAs(errorSchema, response.text);
    if (failure !== undefined) {
      throw cloudFailure(ESA_DIALECT, response, { code: failure.Code, message: failure.Message, requestId: failure.RequestId }, what, [this.options.accessKeySecret]);
    }
    const payload = response.status >= 200 && response.status < 300 ? parseJsonAs(z.looseObject({}), response.text) : undefined;
    if (payload === undefined) throw unreadableAnswer(response, what);
    const result = schema.safeParse(payload);
    if (!result.success) throw unexpectedPayload(response, what, firstIssueOf(result.error.issues));
    return result.data;
  }
}
