import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJson } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { signedRpcQuery, type RpcMethod } from '../rpc-signature.js';
import { clockOffBy, clockProbablyOff } from '../../messages.js';

/**
 * Wire client for the Alibaba Cloud DNS (Alidns) RPC API, version 2015-01-09: the RPC signature
 * V1 (../rpc-signature.ts), the few actions a DDNS updater needs, and the mapping of Alidns error
 * codes to ProviderError kinds. Wire facts and their sources: WIRE.md in this folder.
 */

export const ALIDNS_ENDPOINT = 'https://alidns.aliyuncs.com';
export const ALIDNS_API_VERSION = '2015-01-09';

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

const numberish = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value) => Number(value)),
);
const idString = z.pipe(
  z.union([z.string().check(z.minLength(1)), z.number()]),
  z.transform((value) => String(value)),
);

const domainSchema = z.object({
  DomainId: z.optional(idString),
  DomainName: z.string().check(z.minLength(1)),
  PunyCode: z.optional(z.string()),
});

export type AlidnsDomain = z.infer<typeof domainSchema>;

const describeDomainsSchema = z.object({
  TotalCount: z.optional(numberish),
  // An empty list may come as {} rather than {"Domain": []}.
  Domains: z.object({ Domain: z._default(z.array(domainSchema), []) }),
});

const recordSchema = z.object({
  RecordId: idString,
  RR: z.string(),
  Type: z.string(),
  Value: z.string(),
  TTL: z.optional(numberish),
  Line: z.optional(z.string()),
  Status: z.optional(z.string()),
  Locked: z.optional(z.boolean()),
  DomainName: z.optional(z.string()),
});

export type AlidnsRecord = z.infer<typeof recordSchema>;

const describeRecordsSchema = z.object({
  TotalCount: numberish,
  PageNumber: z.optional(numberish),
  PageSize: z.optional(numberish),
  DomainRecords: z.object({ Record: z._default(z.array(recordSchema), []) }),
});

const recordIdSchema = z.object({ RecordId: idString });

/** Every error answer: `{"RequestId","HostId","Code","Message","Recommend"}`. */
const errorSchema = z.object({
  Code: z.string().check(z.minLength(1)),
  Message: z.optional(z.string()),
  RequestId: z.optional(z.string()),
  HostId: z.optional(z.string()),
  Recommend: z.optional(z.string()),
});

type ErrorEnvelope = z.infer<typeof errorSchema>;

// ---------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------

/** The credentials themselves were refused: wrong key id or secret, or a disabled key. */
const CREDENTIAL_CODES: ReadonlySet<string> = new Set([
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
]);
/** The RAM user lacks the permission for this action or domain. */
const PERMISSION_CODES: ReadonlySet<string> = new Set(['Forbidden.RAM', 'Forbidden', 'NoPermission', 'Forbidden.AccessKeyDisabled']);
const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'InvalidDomainName.NoExist',
  'IncorrectDomainUser',
  'DomainRecordNotBelongToUser',
]);
export const DUPLICATE_CODE = 'DomainRecordDuplicate';
const CONFLICT_CODES: ReadonlySet<string> = new Set([DUPLICATE_CODE, 'DomainRecordConflict']);
const SERVER_CODES: ReadonlySet<string> = new Set(['InternalError', 'ServiceUnavailable', 'UnKnownError', 'UnknownError']);
/** A retried request must not reuse its nonce; every attempt signs with a new one, so retrying helps. */
const NONCE_REUSED_CODE = 'SignatureNonceUsed';
const EXPIRED_TIMESTAMP_CODE = 'InvalidTimeStamp.Expired';

const CREDENTIAL_HINT = 'check access_key_id and access_key_secret (an AccessKey pair of a RAM user, without spaces or line breaks)';
const PERMISSION_HINT =
  'grant the RAM user AliyunDNSFullAccess, or a policy allowing alidns:DescribeDomains, alidns:DescribeSubDomainRecords, ' +
  'alidns:AddDomainRecord and alidns:UpdateDomainRecord on the domain';
const TTL_HINT = 'the free edition of Alibaba Cloud DNS accepts ttl 600 to 86400 seconds; paid editions go lower';

function isThrottlingCode(code: string): boolean {
  return code === 'Throttling' || code.startsWith('Throttling.');
}

function isTtlCode(code: string): boolean {
  return /(^|\.)(Min)?TTL$/i.test(code) || code === 'InvalidTTL';
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export interface AlidnsClientOptions {
  http: HttpClient;
  accessKeyId: string;
  accessKeySecret: string;
  /** Base URL instead of https://alidns.aliyuncs.com (regional endpoints, proxies, tests). */
  endpoint?: string | undefined;
  /** The clock used for Timestamp and for measuring clock skew (tests). */
  now?: () => Date;
  /** SignatureNonce generator (tests). */
  nonce?: () => string;
}

export interface SubDomainQuery {
  /** The full name, e.g. `home.example.com` (the apex itself for `@`). */
  subDomain: string;
  /** The zone; given, so that Alidns does not guess the main domain of multi-label suffixes. */
  domainName: string;
  type: string;
}

export interface NewRecord {
  domainName: string;
  rr: string;
  type: string;
  value: string;
  ttl: number | undefined;
  line: string;
}

export interface RecordChange {
  recordId: string;
  rr: string;
  type: string;
  value: string;
  /** Always sent: an UpdateDomainRecord without TTL resets the record to the default 600. */
  ttl: number;
  /** Always sent: an UpdateDomainRecord without Line moves the record to the default line. */
  line: string;
}

/** DescribeSubDomainRecords pages hold at most 100 records; a name has far fewer per type. */
const RECORDS_PAGE_SIZE = 100;
const MAX_RECORD_PAGES = 20;
const DOMAINS_PAGE_SIZE = 100;

export class AlidnsClient {
  private readonly http: HttpClient;
  private readonly accessKeyId: string;
  private readonly accessKeySecret: string;
  private readonly endpoint: URL;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(options: AlidnsClientOptions) {
    this.http = options.http;
    this.accessKeyId = options.accessKeyId;
    this.accessKeySecret = options.accessKeySecret;
    this.endpoint = new URL(options.endpoint ?? ALIDNS_ENDPOINT);
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? randomUUID;
  }

  /** Domains of the account whose name is exactly `name` (DescribeDomains, SearchMode EXACT). */
  async describeDomainsExact(name: string): Promise<AlidnsDomain[]> {
    const answer = await this.call('DescribeDomains', 'GET', {
      KeyWord: name,
      SearchMode: 'EXACT',
      PageNumber: '1',
      PageSize: String(DOMAINS_PAGE_SIZE),
    });
    return this.parse(answer, describeDomainsSchema, 'DescribeDomains').Domains.Domain;
  }

  /** One page of every domain of the account (DescribeDomains without KeyWord), with the total count. */
  async describeDomainsPage(page: number): Promise<{ domains: AlidnsDomain[]; total: number | undefined; pageSize: number }> {
    const answer = await this.call('DescribeDomains', 'GET', { PageNumber: String(page), PageSize: String(DOMAINS_PAGE_SIZE) });
    const parsed = this.parse(answer, describeDomainsSchema, 'DescribeDomains');
    return { domains: parsed.Domains.Domain, total: parsed.TotalCount, pageSize: DOMAINS_PAGE_SIZE };
  }

  /** Every record of one name and type (DescribeSubDomainRecords, all pages). */
  async describeSubDomainRecords(query: SubDomainQuery): Promise<AlidnsRecord[]> {
    const records: AlidnsRecord[] = [];
    for (let page = 1; page <= MAX_RECORD_PAGES; page++) {
      const answer = await this.call('DescribeSubDomainRecords', 'GET', {
        SubDomain: query.subDomain,
        DomainName: query.domainName,
        Type: query.type,
        PageNumber: String(page),
        PageSize: String(RECORDS_PAGE_SIZE),
      });
      const parsed = this.parse(answer, describeRecordsSchema, 'DescribeSubDomainRecords');
      records.push(...parsed.DomainRecords.Record);
      if (parsed.DomainRecords.Record.length === 0 || records.length >= parsed.TotalCount) break;
    }
    return records;
  }

  /** AddDomainRecord; returns the new RecordId. */
  async addDomainRecord(record: NewRecord): Promise<string> {
    const answer = await this.call('AddDomainRecord', 'POST', {
      DomainName: record.domainName,
      RR: record.rr,
      Type: record.type,
      Value: record.value,
      Line: record.line,
      ...(record.ttl === undefined ? {} : { TTL: String(record.ttl) }),
    });
    return this.parse(answer, recordIdSchema, 'AddDomainRecord').RecordId;
  }

  /** UpdateDomainRecord; returns the RecordId. */
  async updateDomainRecord(change: RecordChange): Promise<string> {
    const answer = await this.call('UpdateDomainRecord', 'POST', {
      RecordId: change.recordId,
      RR: change.rr,
      Type: change.type,
      Value: change.value,
      TTL: String(change.ttl),
      Line: change.line,
    });
    return this.parse(answer, recordIdSchema, 'UpdateDomainRecord').RecordId;
  }

  /**
   * Signs and sends one action. Reads (Describe*) go as GET with the parameters in the query;
   * writes as POST with them in a form body — both are documented for RPC APIs, and the HTTP
   * method is part of what is signed.
   */
  private async call(action: string, method: RpcMethod, actionParams: Record<string, string>): Promise<unknown> {
    // A fresh nonce and timestamp per attempt: a retried request is a new request.
    const signedQuery = signedRpcQuery(
      method,
      { action, version: ALIDNS_API_VERSION, params: actionParams, nonce: this.nonce(), timestamp: this.now() },
      { accessKeyId: this.accessKeyId, accessKeySecret: this.accessKeySecret },
    );
    const url = new URL(this.endpoint.href);
    const response =
      method === 'GET'
        ? await this.http.request({ method, url: withQuery(url, signedQuery), headers: { Accept: 'application/json' }, acceptAnyStatus: true })
        : await this.http.request({
            method,
            url: url.href,
            headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
            body: signedQuery,
            acceptAnyStatus: true,
          });
    return this.interpret(response, action);
  }

  private interpret(response: HttpResponse, action: string): unknown {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const json = parseJson(response.text);
    const envelope = errorSchema.safeParse(json);

    if (!envelope.success) {
      if (status === 429) throw this.error('rate-limit', `Alibaba Cloud DNS rate limit reached (HTTP 429) on ${action}`, { status, retryAfterMs });
      if (status >= 500) throw this.error('transient', `Alibaba Cloud DNS server error (HTTP ${status}) on ${action}`, { status, retryAfterMs });
      if (status >= 200 && status < 300 && json !== undefined && json !== null && typeof json === 'object') return json;
      throw this.error(
        'protocol',
        `Alibaba Cloud DNS ${action}: HTTP ${status} answer is not an Alidns JSON answer (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`,
        { status },
      );
    }
    throw this.mapError(envelope.data, response, action, retryAfterMs);
  }

  private mapError(envelope: ErrorEnvelope, response: HttpResponse, action: string, retryAfterMs: number | undefined): ProviderError {
    const { status } = response;
    const code = envelope.Code;
    const summary = `${code}: ${oneLine(envelope.Message ?? 'no message')}`;
    const details = { status, retryAfterMs, code };

    if (isThrottlingCode(code) || status === 429) {
      return this.error('rate-limit', `Alibaba Cloud DNS is throttling requests (${summary}) on ${action}`, details);
    }
    if (status >= 500 || SERVER_CODES.has(code)) {
      return this.error('transient', `Alibaba Cloud DNS server error (HTTP ${status}, ${summary}) on ${action}`, details);
    }
    if (code === NONCE_REUSED_CODE) {
      return this.error('transient', `Alibaba Cloud DNS refused a reused SignatureNonce (${summary}) on ${action}`, details);
    }
    if (code === EXPIRED_TIMESTAMP_CODE) {
      return this.error('clock-skew', `Alibaba Cloud DNS rejected the request time (${code}): ${this.clockSkewReason(response)}`, details);
    }
    if (CREDENTIAL_CODES.has(code)) {
      const what = code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature' ? 'the signature: access_key_secret is wrong' : 'the AccessKey';
      return this.error('auth', `Alibaba Cloud rejected ${what} (${summary}); ${CREDENTIAL_HINT}`, details);
    }
    if (PERMISSION_CODES.has(code) || code.startsWith('Forbidden.')) {
      return this.error('auth', `Alibaba Cloud DNS refused ${action} (${summary}); ${PERMISSION_HINT}`, details);
    }
    if (NOT_FOUND_CODES.has(code)) return this.error('not-found', `Alibaba Cloud DNS ${action}: ${summary}`, details);
    if (CONFLICT_CODES.has(code)) return this.error('conflict', `Alibaba Cloud DNS ${action}: ${summary}`, details);
    if (isTtlCode(code)) return this.error('config', `Alibaba Cloud DNS refused the ttl (${summary}); ${TTL_HINT}`, details);
    if (code === 'DomainRecordLocked') {
      return this.error('config', `Alibaba Cloud DNS ${action}: ${summary}; unlock the record in the DNS console`, details);
    }
    const kind: ProviderErrorKind = status === 401 || status === 403 ? 'auth' : 'config';
    return this.error(kind, `Alibaba Cloud DNS refused ${action} (HTTP ${status}, ${summary})`, details);
  }

  /**
   * "the system clock is N minutes off", measured against the answer's Date header. The server
   * allows only a few minutes of difference between Timestamp and its own clock.
   */
  private clockSkewReason(response: HttpResponse): string {
    const serverTime = Date.parse(response.headers.get('date') ?? '');
    const local = this.now();
    if (Number.isNaN(serverTime)) {
      return `${clockProbablyOff(15)}; set the clock right (enable NTP time sync)`;
    }
    const offsetMs = local.getTime() - serverTime;
    const minutes = Math.round(Math.abs(offsetMs) / 60_000);
    if (minutes === 0) {
      return `Alibaba Cloud's clock (${new Date(serverTime).toISOString()}) agrees with the system clock within a minute; is a proxy delaying or replaying requests?`;
    }
    return `${clockOffBy(offsetMs, 'Alibaba Cloud', new Date(serverTime))}; set the clock right (enable NTP time sync)`;
  }

  private parse<T>(answer: unknown, schema: z.ZodMiniType<T>, action: string): T {
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ProviderError('protocol', `Alibaba Cloud DNS ${action}: the answer does not have the documented shape`);
    return parsed.data;
  }

  /** Builds the error, removing the secret should the server ever echo it back. */
  private error(
    kind: ProviderErrorKind,
    message: string,
    details: { status: number; retryAfterMs?: number | undefined; code?: string | undefined },
  ): ProviderError {
    return providerErrorWithout([this.accessKeySecret], kind, message, details);
  }
}

function withQuery(url: URL, query: string): string {
  // The signed query is already encoded exactly as signed; URLSearchParams would re-encode it.
  url.search = '';
  return `${url.href}?${query}`;
}

/** Alibaba's messages can be long (SignatureDoesNotMatch may quote the server's string to sign). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** True for a ProviderError carrying this Alidns error code. */
export function hasAlidnsCode(error: unknown, code: string): error is ProviderError {
  return error instanceof ProviderError && error.code === code;
}
