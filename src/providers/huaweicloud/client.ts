import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJson } from '../answers.js';
import { describeUrl, parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { amzDate, canonicalQueryString, hmacHex, percentEncode, sha256Hex } from '../signing.js';
import { CLOCK_TOLERANCE_SECONDS, ZONES_PER_PAGE } from './limits.js';
import { clockOffBy } from '../../messages.js';

/**
 * Wire client for the Huawei Cloud DNS API (v2 zone list, v2.1 record sets) with the API
 * gateway's SDK-HMAC-SHA256 ("AK/SK") request signing. Every answer becomes either a validated
 * body or a ProviderError whose kind tells the core whether retrying can help.
 * Wire facts: WIRE.md in this folder.
 */

/** The global endpoint: DNS is a global service, and this is what ddns-go and NewFuture/DDNS use. */
export const HUAWEICLOUD_DNS_ENDPOINT = 'https://dns.myhuaweicloud.com';

export function regionalEndpoint(region: string): string {
  return `https://dns.${region}.myhuaweicloud.com`;
}

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export const CLOCK_TOLERANCE_MS = CLOCK_TOLERANCE_SECONDS * 1000;

// ---------------------------------------------------------------------------------------------
// SDK-HMAC-SHA256 signing (devg-apisign "AK/SK signing and authentication algorithm")

export interface SignableRequest {
  method: string;
  /** Absolute URL, exactly as it is sent (path and query). */
  url: string;
  /**
   * Headers to sign, any case. Must hold X-Sdk-Date. When Host is absent it is taken from the URL:
   * the host the request is actually sent to, with the port when it is not the default one.
   */
  headers: Record<string, string>;
  body: string;
}

export interface SigningCredentials {
  accessKey: string;
  secretKey: string;
}

export interface RequestSignature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  /** The value of the Authorization header. */
  authorization: string;
}

/** X-Sdk-Date: UTC, `YYYYMMDDTHHMMSSZ` (the same form as AWS's x-amz-date). */
export function sdkDate(date: Date): string {
  return amzDate(date).dateTime;
}

/**
 * Each path segment percent-encoded (RFC 3986 unreserved characters kept) and a trailing "/"
 * appended when missing: the gateway signs `/v2/zones/` for a request sent to `/v2/zones`.
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split('/')
    .map((segment) => percentEncode(safeDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function signRequest(request: SignableRequest, credentials: SigningCredentials): RequestSignature {
  const url = new URL(request.url);
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name.toLowerCase(), value.trim());
  if (!headers.has('host')) headers.set('host', url.host);
  const date = headers.get('x-sdk-date');
  if (date === undefined) throw new Error('SDK-HMAC-SHA256 signing needs an X-Sdk-Date header');

  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString([...url.searchParams]),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const stringToSign = `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacHex('sha256', credentials.secretKey, stringToSign);
  return {
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Wire shapes

const zoneSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** Fully qualified, with the trailing dot: "example.com.". */
  name: z.string().check(z.minLength(1)),
  zone_type: z.optional(z.string()),
  status: z.optional(z.string()),
});

export type HuaweiZone = z.infer<typeof zoneSchema>;

const recordSetSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  type: z.string(),
  ttl: z.optional(z.number()),
  records: z.nullish(z.array(z.string())),
  status: z.optional(z.string()),
  /** Resolution line (v2.1); "default_view" is the default line. */
  line: z.optional(z.string()),
  zone_id: z.optional(z.string()),
  default: z.optional(z.boolean()),
});

export type HuaweiRecordSet = z.infer<typeof recordSetSchema>;

const listMetadataSchema = z.nullish(z.object({ total_count: z.optional(z.number()) }));

const zoneListSchema = z.object({ zones: z.array(zoneSchema), metadata: listMetadataSchema });
const recordSetListSchema = z.object({ recordsets: z.array(recordSetSchema), metadata: listMetadataSchema });

export { ZONES_PER_PAGE } from './limits.js';

export interface HuaweiList<T> {
  items: T[];
  totalCount: number | undefined;
}

/** Body of POST /v2.1/zones/{zone_id}/recordsets. */
export interface CreateRecordSetBody {
  name: string;
  type: string;
  records: string[];
  ttl?: number;
  description?: string;
}

/** Body of PUT /v2.1/zones/{zone_id}/recordsets/{recordset_id} (v2.1 update takes no `line`). */
export interface UpdateRecordSetBody {
  name: string;
  type: string;
  records: string[];
  ttl?: number;
}

// ---------------------------------------------------------------------------------------------
// Error codes (API gateway: devg-apisign api-sign-errorcode; DNS: api-dns ErrorCode)

/** The gateway answers both "APIGW.0301" and, in some regions, "APIG.0301": compare the number only. */
function gatewayCode(code: string): string | undefined {
  const match = /^APIGW?\.(\d{4})$/.exec(code);
  return match?.[1];
}

const GATEWAY_AUTH_CODES: ReadonlySet<string> = new Set([
  '0301', // Incorrect IAM authentication information (unknown AK, bad signature, clock, locked AK)
  '0302', // The IAM user is not authorized to access the API
  '0303', // Incorrect app authentication information
  '0305', // Incorrect authentication information
  '0306', // API access denied
  '0307', // The token must be updated
]);
const GATEWAY_THROTTLED = '0308'; // The throttling threshold has been reached (429)
const GATEWAY_NO_SUCH_API = '0101'; // The API does not exist or has not been published (404)

const DNS_AUTH_CODES: ReadonlySet<string> = new Set([
  'DNS.0005', // Authentication required
  'DNS.0013', // You do not have the permission to perform this operation using the API
]);
const DNS_THROTTLED_CODES: ReadonlySet<string> = new Set(['DNS.0014']); // Request forbidden by flow control (403)
const DNS_NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'DNS.0004', // No record sets found
  'DNS.0302', // This zone does not exist
  'DNS.0313', // This record set does not exist
]);
const DNS_CONFLICT_CODES: ReadonlySet<string> = new Set([
  'DNS.0016', // This record already exists
  'DNS.0312', // This record set already exists
  'DNS.0335', // Duplicate recordset exists
]);
/** Momentary states the DNS reference says to retry later: a record set still PENDING_* and the like. */
const DNS_TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'DNS.0314', // The record set is not in a steady state
]);

const DNS_QUOTA_CODES: ReadonlySet<string> = new Set([
  'DNS.0403', // Insufficient record set quota (403)
  'DNS.0404', // Insufficient zone quota (403)
]);

/** How much of the server's own code and message a reason quotes: the documented ones are far shorter. */
const MAX_CODE_LENGTH = 40;
const MAX_MESSAGE_LENGTH = 160;

const PERMISSION_HINT = 'the IAM user needs dns:zone:list, dns:recordset:list, dns:recordset:create and dns:recordset:update (e.g. the DNS FullAccess policy)';

interface ErrorBody {
  code: string | undefined;
  message: string | undefined;
}

/**
 * Huawei answers errors in two shapes: the API gateway's `{"error_code","error_msg","request_id"}`
 * and the DNS service's `{"code","message"}`; some services wrap the latter in `{"error":{…}}`.
 */
function errorBody(json: unknown): ErrorBody | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const object = json as Record<string, unknown>;
  const nested = object['error'];
  const source =
    nested !== null && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Record<string, unknown>) : object;
  const code = firstString(source, ['error_code', 'code', 'errorCode']);
  const message = firstString(source, ['error_msg', 'message', 'errorMessage', 'error_message']);
  if (code === undefined && message === undefined) return undefined;
  return { code, message };
}

function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** "the system clock is 20 minutes off (behind Huawei Cloud's clock)". */
export function describeClockSkew(skewMs: number): string {
  return clockOffBy(skewMs, 'Huawei Cloud');
}

// ---------------------------------------------------------------------------------------------
// Client

export interface HuaweiCloudClientOptions {
  http: HttpClient;
  accessKey: string;
  secretKey: string;
  /** Base URL; a path prefix (a proxy's) is kept and signed. A trailing slash is ignored. */
  endpoint: string;
  /** Sent as X-Project-Id: needed only when the zones live in a sub-project. */
  projectId?: string | undefined;
}

type QueryValue = string | number;

interface CallOptions {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base, starting with `/`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: object;
}

export class HuaweiCloudClient {
  private readonly http: HttpClient;
  private readonly credentials: SigningCredentials;
  private readonly base: string;
  private readonly projectId: string | undefined;
  /** Signing time and clock-skew reports use the same clock, so what is reported is what was sent. */
  private readonly now = () => new Date();

  constructor(options: HuaweiCloudClientOptions) {
    this.http = options.http;
    this.credentials = { accessKey: options.accessKey, secretKey: options.secretKey };
    this.base = options.endpoint.replace(/\/+$/, '');
    this.projectId = options.projectId;
  }

  /** Public zones whose name is exactly `fqdn` (with the trailing dot); zero or one in practice. */
  async listPublicZones(fqdn: string): Promise<HuaweiList<HuaweiZone>> {
    const body = await this.call({
      method: 'GET',
      path: '/v2/zones',
      query: { type: 'public', name: fqdn, search_mode: 'equal', limit: ZONES_PER_PAGE },
    });
    const parsed = zoneListSchema.safeParse(body);
    if (!parsed.success) throw this.protocolError('GET /v2/zones', 'is not a zone list');
    return { items: parsed.data.zones, totalCount: parsed.data.metadata?.total_count };
  }

  /** One page (up to ZONES_PER_PAGE, from `offset`) of every public zone of the account and project. */
  async listPublicZonesPage(offset: number): Promise<HuaweiList<HuaweiZone>> {
    const body = await this.call({ method: 'GET', path: '/v2/zones', query: { type: 'public', limit: ZONES_PER_PAGE, offset } });
    const parsed = zoneListSchema.safeParse(body);
    if (!parsed.success) throw this.protocolError('GET /v2/zones', 'is not a zone list');
    return { items: parsed.data.zones, totalCount: parsed.data.metadata?.total_count };
  }

  /**
   * Record sets of a zone filtered by name and type. The v2.1 reference documents `name` as a
   * fuzzy filter, so callers must compare names exactly themselves.
   */
  async listRecordSets(zoneId: string, fqdn: string, type: string): Promise<HuaweiList<HuaweiRecordSet>> {
    const path = `/v2.1/zones/${encodeURIComponent(zoneId)}/recordsets`;
    const body = await this.call({
      method: 'GET',
      path,
      query: { name: fqdn, type, search_mode: 'equal', limit: 500 },
    });
    const parsed = recordSetListSchema.safeParse(body);
    if (!parsed.success) throw this.protocolError('GET /v2.1/zones/…/recordsets', 'is not a record set list');
    return { items: parsed.data.recordsets, totalCount: parsed.data.metadata?.total_count };
  }

  async createRecordSet(zoneId: string, body: CreateRecordSetBody): Promise<HuaweiRecordSet> {
    const answer = await this.call({ method: 'POST', path: `/v2.1/zones/${encodeURIComponent(zoneId)}/recordsets`, body });
    return this.parseRecordSet(answer, 'POST /v2.1/zones/…/recordsets');
  }

  async updateRecordSet(zoneId: string, recordSetId: string, body: UpdateRecordSetBody): Promise<HuaweiRecordSet> {
    const answer = await this.call({
      method: 'PUT',
      path: `/v2.1/zones/${encodeURIComponent(zoneId)}/recordsets/${encodeURIComponent(recordSetId)}`,
      body,
    });
    return this.parseRecordSet(answer, 'PUT /v2.1/zones/…/recordsets/…');
  }

  private parseRecordSet(body: unknown, request: string): HuaweiRecordSet {
    const parsed = recordSetSchema.safeParse(body);
    if (!parsed.success) throw this.protocolError(request, 'is not a record set');
    return parsed.data;
  }

  /** Signs and sends one request; returns the parsed JSON of a 2xx answer, throws ProviderError otherwise. */
  private async call(options: CallOptions): Promise<unknown> {
    const url = new URL(this.base + options.path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    // Send the query exactly as it is signed (sorted, RFC 3986), so no proxy or parser can
    // re-encode it into something else.
    url.search = canonicalQueryString([...url.searchParams]);
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const signed: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Sdk-Date': sdkDate(this.now()),
      ...(this.projectId === undefined ? {} : { 'X-Project-Id': this.projectId }),
    };
    const { authorization } = signRequest({ method: options.method, url: url.href, headers: signed, body }, this.credentials);
    const response = await this.http.request({
      method: options.method,
      url: url.href,
      headers: { ...signed, Accept: 'application/json', Authorization: authorization },
      ...(options.body === undefined ? {} : { body }),
      // Read Huawei's own error bodies from 429/5xx answers instead of a generic status error.
      acceptAnyStatus: true,
    });
    return this.interpret(response, `${options.method} ${describeUrl(url.href)}`);
  }

  private interpret(response: HttpResponse, request: string): unknown {
    const { status } = response;
    const json = parseJson(response.text);
    if (status >= 200 && status < 300) {
      if (json === undefined) throw this.protocolError(request, `is not JSON (${describeBody(response.text)})`);
      return json;
    }

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const details = this.readable(errorBody(json));
    const code = details?.code;
    const summary = details === undefined ? `HTTP ${status}` : `HTTP ${status}, ${[code, details.message].filter(Boolean).join(' ')}`;
    const gateway = code === undefined ? undefined : gatewayCode(code);
    const base = { status, retryAfterMs, code };

    if (status === 429 || gateway === GATEWAY_THROTTLED || (code !== undefined && DNS_THROTTLED_CODES.has(code))) {
      throw this.error('rate-limit', `Huawei Cloud throttled ${request} (${summary})`, base);
    }
    if (status >= 500) {
      throw this.error('transient', `Huawei Cloud server error on ${request} (${summary})`, base);
    }
    if ((gateway !== undefined && GATEWAY_AUTH_CODES.has(gateway)) || (code !== undefined && DNS_AUTH_CODES.has(code)) || status === 401) {
      throw this.authError(response, request, summary, details, base);
    }
    if (details === undefined) {
      if (status === 403) throw this.authError(response, request, summary, details, base);
      throw this.error(
        'protocol',
        `Huawei Cloud ${request}: HTTP ${status} answer is not a Huawei Cloud error body (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`,
        base,
      );
    }
    if (gateway === GATEWAY_NO_SUCH_API) {
      throw this.error('config', `Huawei Cloud has no such API: ${request} (${summary}); is endpoint right?`, base);
    }
    if (code !== undefined && DNS_NOT_FOUND_CODES.has(code)) {
      throw this.error('not-found', `Huawei Cloud refused ${request} (${summary})`, base);
    }
    if (code !== undefined && DNS_CONFLICT_CODES.has(code)) {
      throw this.error('conflict', `Huawei Cloud refused ${request} (${summary})`, base);
    }
    if (code !== undefined && DNS_TRANSIENT_CODES.has(code)) {
      throw this.error('transient', `Huawei Cloud asks to try ${request} again later (${summary})`, base);
    }
    if (code !== undefined && DNS_QUOTA_CODES.has(code)) {
      throw this.error('config', `Huawei Cloud refused ${request} (${summary}): the account's DNS quota is used up`, base);
    }
    if (status === 403) {
      throw this.error('auth', `Huawei Cloud denied ${request} (${summary}): ${PERMISSION_HINT}`, base);
    }
    throw this.error('config', `Huawei Cloud refused ${request} (${summary})`, base);
  }

  /**
   * The gateway answers every AK/SK failure with APIGW.0301; only the message tells them apart.
   * A request dated more than 15 minutes from the gateway's clock fails the same way, so the
   * answer's Date header decides whether the real cause is this machine's clock.
   */
  private authError(
    response: HttpResponse,
    request: string,
    summary: string,
    details: ErrorBody | undefined,
    base: { status: number; retryAfterMs: number | undefined; code: string | undefined },
  ): ProviderError {
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    const clockKnown = !Number.isNaN(serverDate);
    if (clockKnown) {
      const skewMs = this.now().getTime() - serverDate;
      if (Math.abs(skewMs) >= CLOCK_TOLERANCE_MS) {
        return this.error(
          'clock-skew',
          `Huawei Cloud rejected ${request} (${summary}): ${describeClockSkew(skewMs)}; ` +
            'signed requests must be dated within 15 minutes of it: set the clock (NTP) and run again',
          base,
        );
      }
    }
    const message = (details?.message ?? '').toLowerCase();
    let hint: string;
    if (message.includes('not exist')) hint = 'access_key is not a valid Huawei Cloud access key ID';
    else if (message.includes('reach the limit')) {
      hint = 'the access key is locked for 5 minutes after 5 failed authentications in a row: check secret_key, then wait';
    } else if (message.includes('signature')) {
      hint = clockKnown
        ? 'secret_key does not belong to access_key (or was mistyped)'
        : "secret_key does not belong to access_key (or was mistyped), or this machine's clock is more than 15 minutes off";
    }
    else if (base.status === 403 || (base.code !== undefined && DNS_AUTH_CODES.has(base.code))) hint = PERMISSION_HINT;
    else hint = 'check access_key and secret_key';
    return this.error('auth', `Huawei Cloud rejected the credentials on ${request} (${summary}): ${hint}`, base);
  }

  /**
   * The server's code and message as they may stand in a one-line reason: the keys it echoes
   * masked first (a cut must not leave half of one), line breaks and control characters made
   * spaces, and cut to a length a report line can hold.
   */
  private readable(body: ErrorBody | undefined): ErrorBody | undefined {
    if (body === undefined) return undefined;
    const excerpt = (text: string | undefined, max: number): string | undefined => {
      if (text === undefined) return undefined;
      let masked = text;
      for (const secret of [this.credentials.secretKey, this.credentials.accessKey]) masked = masked.split(secret).join('***');
      const flat = masked.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
      return flat.length > max ? `${flat.slice(0, max)}…` : flat;
    };
    return { code: excerpt(body.code, MAX_CODE_LENGTH), message: excerpt(body.message, MAX_MESSAGE_LENGTH) };
  }

  private protocolError(request: string, what: string): ProviderError {
    return this.error('protocol', `Huawei Cloud ${request}: the answer ${what}`, { status: undefined, retryAfterMs: undefined, code: undefined });
  }

  /** Builds the error, removing the keys should the server ever echo them (it does echo an unknown AK). */
  private error(
    kind: ProviderErrorKind,
    message: string,
    details: { status: number | undefined; retryAfterMs: number | undefined; code: string | undefined },
  ): ProviderError {
    return providerErrorWithout([this.credentials.secretKey, this.credentials.accessKey], kind, message, details);
  }
}

/** True for the "record set already exists" refusals a retried POST can cause. */
export function isAlreadyExistsError(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.kind === 'conflict';
}
