import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJsonAs } from '../answers.js';
import { signV4 } from '../canonical-request.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { canonicalQueryString, percentEncode } from '../signing.js';
import { JDCLOUD2_V4 } from './signature.js';

/**
 * Wire client for JD Cloud DNS (云解析, WIRE.md in this folder): REST paths under
 * /v2/regions/{regionId}/domain, JSON bodies, every request signed with JDCLOUD2-HMAC-SHA256,
 * answers in a `{requestId, error, result}` envelope.
 */
export const JDCLOUD_ENDPOINT = 'https://domainservice.jdcloud-api.com/v2';
export const JDCLOUD_SCOPE = { region: 'cn-north-1', service: 'domainservice' } as const;
/**
 * Asked for explicitly: the API's default, and the size lego's client asks for. A larger page is
 * not known to be accepted (WIRE.md), so every page is read instead.
 */
export const PAGE_SIZE = 10;
/** The line (viewValue) meaning "every line": what a record is on unless the config names another. */
export const DEFAULT_VIEW = -1;

// `code` is a number in lego's fixtures; a numeric string is read the same, so the message is not lost.
const errorSchema = z.object({ code: z.optional(z.union([z.number(), z.string()])), status: z.optional(z.string()), message: z.optional(z.string()) });
const envelopeSchema = z.object({
  requestId: z.optional(z.string()),
  error: z.optional(z.nullable(errorSchema)),
  result: z.optional(z.unknown()),
});

const id = z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]);
const zoneSchema = z.object({ id, domainName: z.string().check(z.minLength(1)) });
export type JdcloudZone = { id: string; domainName: string };
const zonesSchema = z.object({ dataList: z.nullable(z.array(zoneSchema)), totalCount: z.optional(z.number()) });

const recordSchema = z.object({
  id,
  hostRecord: z.string(),
  hostValue: z.string(),
  type: z.string(),
  ttl: z.optional(z.number()),
  viewValue: z.optional(z.union([z.array(z.number()), z.number()])),
});
export interface JdcloudRecord {
  id: string;
  hostRecord: string;
  hostValue: string;
  type: string;
  ttl: number | undefined;
  /** The record's line ids (the listing answers a list; one id for an ordinary record). */
  views: number[];
}
const recordsSchema = z.object({ dataList: z.nullable(z.array(recordSchema)), totalCount: z.optional(z.number()) });
/** Create answers the record under dataList; what update answers is not documented (WIRE.md). */
const createdSchema = z.object({ dataList: z.object({ id }) });
const updatedSchema = z.object({});

/** Google-style status names in `error.status` (WIRE.md: **unconfirmed** beyond lego's fixtures). */
const MEANINGS: Readonly<Record<string, CloudErrorMeaning>> = {
  UNAUTHENTICATED: 'credentials',
  PERMISSION_DENIED: 'permission',
  RESOURCE_EXHAUSTED: 'rate-limit',
  ALREADY_EXISTS: 'conflict',
  NOT_FOUND: 'not-found',
  INVALID_ARGUMENT: 'config',
  FAILED_PRECONDITION: 'config',
  OUT_OF_RANGE: 'config',
  INTERNAL: 'transient',
  UNAVAILABLE: 'transient',
  DEADLINE_EXCEEDED: 'transient',
  UNKNOWN: 'transient',
};

export const JDCLOUD_DIALECT: CloudApiDialect = {
  service: 'JD Cloud',
  credentialsHint: 'check access_key_id and secret_access_key (JD Cloud console → 账号管理 → AccessKey管理)',
  permissionHint: 'grant the sub-user the DNS policy (JDCloudDomainServiceAdmin, or one allowing describeDomains, describeResourceRecord, createResourceRecord and modifyResourceRecord)',
  signatureWindow: '5 minutes (unconfirmed)',
  meaningOf: (code) => MEANINGS[code] ?? (/already.?exist|duplicat/i.test(code) ? 'conflict' : undefined),
};

export interface JdcloudClientOptions {
  http: HttpClient;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string | undefined;
  now?: () => Date;
}

export interface RecordWrite {
  hostRecord: string;
  hostValue: string;
  ttl: number;
  type: string;
  viewValue: number;
}

export interface Listing<T> {
  items: T[];
  total: number | undefined;
}

const textOf = (value: number | string): string => String(value);

export class JdcloudClient {
  private readonly base: URL;
  private readonly now: () => Date;
  private readonly region: string = JDCLOUD_SCOPE.region;

  constructor(private readonly options: JdcloudClientOptions) {
    this.base = new URL(options.endpoint ?? JDCLOUD_ENDPOINT);
    this.now = options.now ?? (() => new Date());
  }

  /** One page of zones; `domainName` narrows them by the API's fuzzy match, so callers compare names exactly. */
  async listZones(page: number, domainName?: string): Promise<Listing<JdcloudZone>> {
    const query = { pageNumber: String(page), pageSize: String(PAGE_SIZE), ...(domainName === undefined ? {} : { domainName }) };
    const result = await this.call('GET', this.regionPath('/domain'), query, undefined, zonesSchema, 'JD Cloud describeDomains');
    return { items: (result.dataList ?? []).map((zone) => ({ id: textOf(zone.id), domainName: zone.domainName })), total: result.totalCount };
  }

  /** One page of the records whose host contains `host` (the API only matches fuzzily). */
  async listRecords(zoneId: string, host: string, page: number): Promise<Listing<JdcloudRecord>> {
    const query = { pageNumber: String(page), pageSize: String(PAGE_SIZE), search: host };
    const result = await this.call('GET', this.zonePath(zoneId, '/ResourceRecord'), query, undefined, recordsSchema, 'JD Cloud describeResourceRecord');
    const items = (result.dataList ?? []).map((record) => ({
      id: textOf(record.id),
      hostRecord: record.hostRecord,
      hostValue: record.hostValue,
      type: record.type,
      ttl: record.ttl,
      views: record.viewValue === undefined ? [DEFAULT_VIEW] : typeof record.viewValue === 'number' ? [record.viewValue] : record.viewValue,
    }));
    return { items, total: result.totalCount };
  }

  async createRecord(zoneId: string, req: RecordWrite): Promise<string> {
    const body = { regionId: this.region, domainId: zoneId, req };
    const result = await this.call('POST', this.zonePath(zoneId, '/ResourceRecord'), {}, body, createdSchema, 'JD Cloud createResourceRecord');
    return textOf(result.dataList.id);
  }

  async updateRecord(zoneId: string, recordId: string, req: RecordWrite & { domainName: string }): Promise<void> {
    const body = { regionId: this.region, domainId: zoneId, resourceRecordId: recordId, req };
    await this.call('PUT', this.zonePath(zoneId, `/ResourceRecord/${percentEncode(recordId)}`), {}, body, updatedSchema, 'JD Cloud modifyResourceRecord');
  }

  private regionPath(rest: string): string {
    return `/regions/${percentEncode(this.region)}${rest}`;
  }

  private zonePath(zoneId: string, rest: string): string {
    return this.regionPath(`/domain/${percentEncode(zoneId)}${rest}`);
  }

  private async call<S extends z.ZodMiniType>(method: 'GET' | 'POST' | 'PUT', path: string, params: Record<string, string>, body: object | undefined, schema: S, what: string): Promise<z.output<S>> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    // The query is sent in its canonical form: JD Cloud signs the query as sent, so both agree.
    const query = canonicalQueryString(params);
    const url = `${this.base.origin}${this.base.pathname.replace(/\/+$/, '')}${path}${query === '' ? '' : `?${query}`}`;
    const signed = signV4(
      { method, url, headers: { Host: this.base.host, 'Content-Type': 'application/json', 'x-jdcloud-nonce': randomUUID() }, body: payload },
      { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey },
      JDCLOUD2_V4,
      JDCLOUD_SCOPE,
      this.now(),
    );
    const response = await this.options.http.request({
      method,
      url,
      headers: { ...signed.headers, Accept: 'application/json' },
      ...(body === undefined ? {} : { body: payload }),
      acceptAnyStatus: true,
    });
    return this.read(response, schema, what);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined) throw unreadableAnswer(response, what);
    const failure = envelope.error ?? undefined;
    // Success answers may carry `error: {code: 0}` (lego's fixtures); any other code is a failure.
    const failed = failure !== undefined && ((failure.code !== undefined && String(failure.code) !== '0') || (failure.status !== undefined && failure.status !== '' && failure.status !== 'OK'));
    if (failed || response.status >= 400) {
      if (failure === undefined) throw unreadableAnswer(response, what);
      const code = failure.status !== undefined && failure.status !== '' ? failure.status : failure.code === undefined ? undefined : String(failure.code);
      throw cloudFailure(JDCLOUD_DIALECT, response, { code, message: failure.message, requestId: envelope.requestId }, what, [this.options.secretAccessKey, this.options.accessKeyId]);
    }
    if (envelope.result === undefined || envelope.result === null) throw unexpectedPayload(response, what, 'result: missing');
    const result = schema.safeParse(envelope.result);
    if (!result.success) throw unexpectedPayload(response, what, firstIssueOf(result.error.issues));
    return result.data;
  }
}
