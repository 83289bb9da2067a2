import * as z from 'zod/mini';
import '../../zod-english.js';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { signTc3, type Tc3Credentials } from './tc3-signature.js';
import { clockOffBy, clockProbablyOff } from '../../messages.js';

/**
 * Wire client for the parts of Tencent Cloud API 3.0 (DNSPod, version 2021-03-23) a DDNS updater
 * needs: DescribeDomainList, DescribeRecordList, CreateRecord and ModifyDynamicDNS, each a JSON
 * POST signed with TC3-HMAC-SHA256. Every answer becomes either the validated `Response` object or
 * a ProviderError whose kind tells the core whether retrying can help. The signature is in
 * tc3-signature.ts; wire facts and their sources are in WIRE.md of this folder.
 */

export const DNSPOD_ENDPOINT = 'https://dnspod.tencentcloudapi.com';
export const DNSPOD_SERVICE = 'dnspod';
export const DNSPOD_VERSION = '2021-03-23';

// ---------------------------------------------------------------------------------------------
// Answers

const errorSchema = z.object({ Code: z.string(), Message: z._default(z.optional(z.string()), '') });

/** Every API 3.0 answer: `{"Response": {…, "RequestId"}}`, with `Error` present on failure (HTTP 200 either way). */
const envelopeSchema = z.object({
  Response: z.looseObject({
    Error: z.optional(errorSchema),
    RequestId: z.optional(z.string()),
  }),
});

const domainSchema = z.object({
  DomainId: z.number().check(z.int(), z.nonnegative()),
  Name: z.string().check(z.minLength(1)),
  /** The ASCII form of an internationalised name (the same as Name for others). */
  Punycode: z.optional(z.string()),
  Status: z.optional(z.string()),
});

export type DnspodDomain = z.infer<typeof domainSchema>;

const domainListSchema = z.object({
  DomainCountInfo: z.optional(z.object({ AllTotal: z.optional(z.number()), DomainTotal: z.optional(z.number()) })),
  DomainList: z.array(domainSchema),
});

const recordSchema = z.object({
  RecordId: z.number().check(z.int(), z.nonnegative()),
  Value: z.string(),
  /** Host part relative to the domain, "@" for the apex. */
  Name: z.string(),
  Type: z.string(),
  Line: z.string(),
  LineId: z.optional(z.string()),
  TTL: z.optional(z.number().check(z.int())),
  /** ENABLE or DISABLE. */
  Status: z.optional(z.string()),
});

export type DnspodRecord = z.infer<typeof recordSchema>;

const recordListSchema = z.object({
  RecordCountInfo: z.optional(z.object({ TotalCount: z.optional(z.number()), ListCount: z.optional(z.number()) })),
  RecordList: z.array(recordSchema),
});

const recordIdSchema = z.object({ RecordId: z.number().check(z.int(), z.nonnegative()) });

// ---------------------------------------------------------------------------------------------
// Request bodies (field names and their odd spellings exactly as the API documents them)

export interface DescribeRecordListParams {
  Domain: string;
  /** Lower-case d, unlike SubDomain everywhere else (DescribeRecordList's documented spelling). */
  Subdomain: string;
  RecordType: string;
  RecordLine: string;
  Limit: number;
}

export interface CreateRecordParams {
  Domain: string;
  SubDomain: string;
  RecordType: string;
  RecordLine: string;
  Value: string;
  TTL?: number;
}

export interface ModifyDynamicDnsParams {
  Domain: string;
  /** Defaults to "@" when absent: always sent, or the apex record would be changed instead. */
  SubDomain: string;
  RecordId: number;
  RecordLine: string;
  Value: string;
  /** Spelled `Ttl` here; when absent the record falls back to the domain's default TTL. */
  Ttl?: number;
}

/**
 * What the provider needs from DNSPod, whichever API the credentials are for: Tencent Cloud API
 * 3.0 (DnspodClient) or the DNSPod token API (DnspodTokenClient, which translates its answers
 * into these shapes). Both throw ProviderError.
 */
export interface DnspodApi {
  /** One page of the domains the credentials can see; empty when there are none. */
  describeDomainList(offset: number, limit: number): Promise<{ domains: DnspodDomain[]; total: number | undefined }>;
  /** Records matching the filters; [] when there are none. */
  describeRecordList(params: DescribeRecordListParams): Promise<DnspodRecord[]>;
  createRecord(params: CreateRecordParams): Promise<number>;
  /** `type` is the record's type, which the token API's Record.Modify needs and ModifyDynamicDNS does not take. */
  modifyDynamicDns(params: ModifyDynamicDnsParams, type: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Codes meaning the credentials themselves were refused. */
const CREDENTIAL_CODES: ReadonlySet<string> = new Set([
  'AuthFailure.SignatureFailure',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.TokenFailure',
  'AuthFailure.MFAFailure',
]);
/** Codes meaning the credentials are fine but lack a CAM permission or do not own the domain. */
const PERMISSION_CODES: ReadonlySet<string> = new Set([
  'AuthFailure.UnauthorizedOperation',
  'UnauthorizedOperation',
  'OperationDenied.AccessDenied',
  'OperationDenied.NoPermissionToOperateDomain',
  'OperationDenied.DomainOwnerAllowedOnly',
  'FailedOperation.NotDomainOwner',
]);
const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'InvalidParameterValue.DomainNotExists', // 当前域名有误 (not in this account)
  'InvalidParameter.RecordIdInvalid', // 记录编号错误 (the record was deleted since it was listed)
  'ResourceNotFound.NoDataOfRecord',
  'ResourceNotFound.NoDataOfDomain',
]);
export const CODE_CLOCK_SKEW = 'AuthFailure.SignatureExpire';
export const CODE_RECORD_EXISTS = 'InvalidParameter.DomainRecordExist';
export const CODE_NO_RECORDS = 'ResourceNotFound.NoDataOfRecord';
export const CODE_NO_DOMAINS = 'ResourceNotFound.NoDataOfDomain';

/** How long a TC3 signature stays valid around the server's clock. */
const SIGNATURE_WINDOW_MINUTES = 5;

const CREDENTIALS_HINT = 'check secret_id and secret_key (Tencent Cloud console → CAM → API keys)';
const PERMISSION_HINT =
  'grant the CAM user QcloudDNSPodFullAccess, or a policy allowing dnspod:DescribeDomainList, dnspod:DescribeRecordList, dnspod:CreateRecord and dnspod:ModifyDynamicDNS on the domain';

/** Which ProviderError kind a Tencent Cloud error code is. Unknown codes are config problems: retrying cannot fix them. */
export function classifyTencentCode(code: string): ProviderErrorKind {
  if (code === CODE_CLOCK_SKEW) return 'clock-skew';
  if (code.startsWith('RequestLimitExceeded') || code === 'FailedOperation.FrequencyLimit') return 'rate-limit';
  if (code.startsWith('InternalError') || code === 'ServiceUnavailable' || code === 'FailedOperation.UnknowError') {
    // UnknowError (sic) is documented as "操作未响应，请稍后重试": no answer in time, retry later.
    return 'transient';
  }
  if (code.startsWith('AuthFailure') || PERMISSION_CODES.has(code)) return 'auth';
  if (NOT_FOUND_CODES.has(code)) return 'not-found';
  if (code === CODE_RECORD_EXISTS) return 'conflict';
  return 'config';
}

/**
 * "the system clock is N minutes off": how far this machine's clock is from the server's, from
 * the answer's Date header (one-second resolution, plenty for a five-minute window).
 */
export function describeClockSkew(serverDate: string | null, localNowMs: number): string {
  const serverMs = serverDate === null ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(serverMs)) return clockProbablyOff(SIGNATURE_WINDOW_MINUTES);
  return clockOffBy(localNowMs - serverMs, 'Tencent Cloud', new Date(serverMs));
}

export interface DnspodClientOptions {
  http: HttpClient;
  secretId: string;
  secretKey: string;
  /** Replaces https://dnspod.tencentcloudapi.com (e.g. https://dnspod.intl.tencentcloudapi.com, a proxy, a test fake). */
  endpoint?: string | undefined;
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number;
}

export class DnspodClient implements DnspodApi {
  private readonly http: HttpClient;
  private readonly credentials: Tc3Credentials;
  private readonly url: URL;
  private readonly now: () => number;

  constructor(options: DnspodClientOptions) {
    this.http = options.http;
    this.credentials = { secretId: options.secretId, secretKey: options.secretKey };
    this.url = new URL(options.endpoint ?? DNSPOD_ENDPOINT);
    this.now = options.now ?? Date.now;
  }

  /** One page of the domains these credentials can see (Type ALL: own and shared). Empty when there are none. */
  async describeDomainList(offset: number, limit: number): Promise<{ domains: DnspodDomain[]; total: number | undefined }> {
    try {
      const result = await this.call('DescribeDomainList', { Offset: offset, Limit: limit }, domainListSchema);
      return { domains: result.DomainList, total: result.DomainCountInfo?.AllTotal ?? result.DomainCountInfo?.DomainTotal };
    } catch (error) {
      if (error instanceof ProviderError && error.code === CODE_NO_DOMAINS) return { domains: [], total: 0 };
      throw error;
    }
  }

  /** Records matching the filters; an empty list is an error code (NoDataOfRecord) in this API, returned here as []. */
  async describeRecordList(params: DescribeRecordListParams): Promise<DnspodRecord[]> {
    try {
      return (await this.call('DescribeRecordList', params, recordListSchema)).RecordList;
    } catch (error) {
      if (error instanceof ProviderError && error.code === CODE_NO_RECORDS) return [];
      throw error;
    }
  }

  async createRecord(params: CreateRecordParams): Promise<number> {
    return (await this.call('CreateRecord', params, recordIdSchema)).RecordId;
  }

  async modifyDynamicDns(params: ModifyDynamicDnsParams): Promise<number> {
    return (await this.call('ModifyDynamicDNS', params, recordIdSchema)).RecordId;
  }

  /** Signs and sends one action; returns its validated Response or throws ProviderError. */
  private async call<T>(action: string, params: object, schema: z.ZodMiniType<T>): Promise<T> {
    const body = JSON.stringify(params);
    const timestamp = Math.floor(this.now() / 1000);
    // Host is set explicitly so that the value signed is the value sent, whatever endpoint says.
    const signed = { 'Content-Type': 'application/json', Host: this.url.host };
    const { authorization } = signTc3(
      { method: 'POST', query: '', headers: signed, payload: body, service: DNSPOD_SERVICE, timestamp },
      this.credentials,
    );
    const response = await this.http.request({
      method: 'POST',
      url: this.url.href,
      headers: {
        ...signed,
        Authorization: authorization,
        'X-TC-Action': action,
        'X-TC-Version': DNSPOD_VERSION,
        'X-TC-Timestamp': String(timestamp),
        Accept: 'application/json',
      },
      body,
      // Read the API's own error envelope whatever the status (business errors come with 200).
      acceptAnyStatus: true,
    });
    const result = this.interpret(response, action);
    const parsed = schema.safeParse(result);
    if (!parsed.success) {
      throw new ProviderError('protocol', `DNSPod ${action}: the answer does not have the documented fields (${firstIssue(parsed.error)})`, {
        status: response.status,
      });
    }
    return parsed.data;
  }

  private interpret(response: HttpResponse, action: string): Record<string, unknown> {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined) {
      if (status === 429) throw this.error('rate-limit', `DNSPod ${action}: rate limited (HTTP 429)`, { status, retryAfterMs });
      if (status >= 500) throw this.error('transient', `DNSPod ${action}: server error (HTTP ${status})`, { status, retryAfterMs });
      throw this.error(
        'protocol',
        `DNSPod ${action}: HTTP ${status} answer is not a Tencent Cloud API response (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`,
        { status },
      );
    }
    const { Error: failure, RequestId: requestId } = envelope.Response;
    if (failure === undefined) {
      if (status >= 500) throw this.error('transient', `DNSPod ${action}: server error (HTTP ${status})`, { status, retryAfterMs });
      return envelope.Response;
    }

    const code = failure.Code;
    const kind = classifyTencentCode(code);
    const detail = `${code}: ${failure.Message.trim() || 'no message'}${requestId ? `; RequestId ${requestId}` : ''}`;
    const details = { status, retryAfterMs, code };
    switch (kind) {
      case 'clock-skew':
        throw this.error(
          kind,
          `DNSPod refused ${action} as signed too far from the server's time: ${describeClockSkew(response.headers.get('date'), this.now())}; ` +
            `signatures are valid for ${SIGNATURE_WINDOW_MINUTES} minutes, so set the clock right (enable NTP time sync) (${detail})`,
          details,
        );
      case 'auth':
        if (CREDENTIAL_CODES.has(code)) {
          throw this.error(kind, `Tencent Cloud rejected the credentials (${detail}): ${CREDENTIALS_HINT}`, details);
        }
        throw this.error(kind, `Tencent Cloud denied ${action} (${detail}): ${PERMISSION_HINT}`, details);
      case 'rate-limit':
        throw this.error(kind, `DNSPod rate limit reached on ${action} (${detail})`, details);
      case 'transient':
        throw this.error(kind, `DNSPod ${action} failed on the server side (${detail})`, details);
      default:
        throw this.error(kind, `DNSPod refused ${action} (${detail})`, details);
    }
  }

  /** Builds the error, removing the credentials should the server ever echo them back. */
  private error(
    kind: ProviderErrorKind,
    message: string,
    details: { status: number; retryAfterMs?: number | undefined; code?: string | undefined },
  ): ProviderError {
    return providerErrorWithout([this.credentials.secretKey, this.credentials.secretId], kind, message, details);
  }
}

type Envelope = z.infer<typeof envelopeSchema>;

function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

