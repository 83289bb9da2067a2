import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import { canonicalQueryString } from '../signing.js';
import { CLOCK_TOLERANCE_SECONDS } from './limits.js';
import { signRequest, type AwsCredentials, type SigV4Scope } from './sigv4.js';
import { clockOffBy, clockProbablyOff } from '../../messages.js';

/**
 * Wire client for the three Route 53 REST/XML operations ddns needs (API version 2013-04-01):
 * ListHostedZonesByName, ListResourceRecordSets and ChangeResourceRecordSets. Every request is
 * SigV4-signed; every answer becomes either parsed data or a ProviderError whose kind tells the
 * core whether retrying can help. Wire facts: WIRE.md in this folder.
 */

export const ROUTE53_ENDPOINT = 'https://route53.amazonaws.com';
/** Route 53 is a global service: whatever endpoint is used, requests are signed for us-east-1. */
export const ROUTE53_SCOPE: SigV4Scope = { region: 'us-east-1', service: 'route53' };
export const ROUTE53_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/';
const API_PREFIX = '/2013-04-01';

export interface HostedZone {
  /** Without the `/hostedzone/` prefix the API puts in front of it. */
  id: string;
  /** As Route 53 returns it: lower-case, fully qualified with a trailing dot ("example.com."). */
  name: string;
  privateZone: boolean;
}

export interface HostedZonePage {
  zones: HostedZone[];
  isTruncated: boolean;
  nextDnsName: string | undefined;
  nextHostedZoneId: string | undefined;
}

export interface ResourceRecordSet {
  /** With the trailing dot, as returned ("home.example.com."). */
  name: string;
  type: string;
  ttl: number | undefined;
  values: string[];
  /** Set for weighted, latency, failover … records; ddns manages only simple ones. */
  setIdentifier: string | undefined;
  /** True for alias records, which point at an AWS resource instead of holding values. */
  alias: boolean;
}

export interface RecordSetPage {
  recordSets: ResourceRecordSet[];
  isTruncated: boolean;
}

export interface ChangeInfo {
  id: string;
  /** PENDING until the change reached every Route 53 name server, then INSYNC. */
  status: string;
  submittedAt: string | undefined;
}

export interface RecordSetChange {
  action: 'UPSERT';
  name: string;
  type: string;
  ttl: number;
  values: string[];
}

export interface Route53ClientOptions {
  http: HttpClient;
  credentials: AwsCredentials;
  /** Base URL replacing https://route53.amazonaws.com (a proxy, a test fake); a trailing slash is ignored. */
  endpoint?: string | undefined;
  /** The clock requests are signed with (tests). */
  clock?: () => Date;
}

/** Elements that may repeat: parsed as arrays even when only one is present. */
const ARRAY_PATHS: ReadonlySet<string> = new Set([
  'ListHostedZonesByNameResponse.HostedZones.HostedZone',
  'ListResourceRecordSetsResponse.ResourceRecordSets.ResourceRecordSet',
  'ListResourceRecordSetsResponse.ResourceRecordSets.ResourceRecordSet.ResourceRecords.ResourceRecord',
  'InvalidChangeBatch.Messages.Message',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Keep every value a string: zone ids such as "Z0123" or a TTL are converted where needed.
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => typeof jpath === 'string' && ARRAY_PATHS.has(jpath),
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false });

/** An element that holds a list is an empty string when the list is empty (`<HostedZones/>`). */
function listOf<T extends z.ZodMiniType>(key: string, item: T) {
  return z.pipe(
    z.union([z.literal(''), z.object({ [key]: z.array(item) })]),
    z.transform((value) => (value === '' ? [] : ((value as Record<string, z.infer<T>[]>)[key] ?? []))),
  );
}

const booleanText = z.pipe(
  z.enum(['true', 'false']),
  z.transform((value) => value === 'true'),
);

const hostedZoneSchema = z.object({
  Id: z.string().check(z.minLength(1)),
  Name: z.string().check(z.minLength(1)),
  Config: z.optional(z.union([z.literal(''), z.object({ PrivateZone: z.optional(booleanText) })])),
});

const listHostedZonesSchema = z.object({
  HostedZones: listOf('HostedZone', hostedZoneSchema),
  IsTruncated: booleanText,
  NextDNSName: z.optional(z.string()),
  NextHostedZoneId: z.optional(z.string()),
});

const recordSetSchema = z.object({
  Name: z.string().check(z.minLength(1)),
  Type: z.string().check(z.minLength(1)),
  TTL: z.optional(z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))),
  ResourceRecords: z.optional(listOf('ResourceRecord', z.object({ Value: z.string() }))),
  SetIdentifier: z.optional(z.string()),
  AliasTarget: z.optional(z.unknown()),
});

const listRecordSetsSchema = z.object({
  ResourceRecordSets: listOf('ResourceRecordSet', recordSetSchema),
  IsTruncated: booleanText,
});

const changeResponseSchema = z.object({
  ChangeInfo: z.object({ Id: z.string().check(z.minLength(1)), Status: z.string().check(z.minLength(1)), SubmittedAt: z.optional(z.string()) }),
});

const errorResponseSchema = z.object({
  Error: z.object({ Type: z.optional(z.string()), Code: z.string().check(z.minLength(1)), Message: z.optional(z.string()) }),
  RequestId: z.optional(z.string()),
});

/** ChangeResourceRecordSets reports a refused batch in its own document, not in an ErrorResponse. */
const invalidChangeBatchSchema = z.object({
  Messages: z.optional(listOf('Message', z.string())),
  Message: z.optional(z.string()),
  RequestId: z.optional(z.string()),
});

/** What an error answer said, whichever of the two error documents it was. */
interface AwsError {
  code: string;
  message: string;
  requestId: string | undefined;
}

/** Codes meaning "slow down": AWS asks for retries with increasing waits. */
const RATE_LIMIT_CODES: ReadonlySet<string> = new Set([
  'Throttling', // more than five requests per second per account (HTTP 400 "Rate exceeded")
  'ThrottlingException',
  'PriorRequestNotComplete', // the zone is still applying an earlier change
]);
const CLOCK_CODES: ReadonlySet<string> = new Set(['RequestExpired', 'RequestTimeTooSkewed']);
/** SignatureDoesNotMatch is also how AWS reports a timestamp outside its five-minute window. */
const CLOCK_MESSAGE = /Signature expired|Signature not yet current/i;
const UNKNOWN_KEY_CODES: ReadonlySet<string> = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'MissingAuthenticationToken']);
const EXPIRED_TOKEN_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException']);
const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException']);

const CREDENTIALS_HINT = 'check access_key_id and secret_access_key (a pair from the same IAM access key)';

export class Route53Client {
  private readonly http: HttpClient;
  private readonly credentials: AwsCredentials;
  private readonly base: string;
  private readonly clock: () => Date;

  constructor(options: Route53ClientOptions) {
    this.http = options.http;
    this.credentials = options.credentials;
    this.base = (options.endpoint ?? ROUTE53_ENDPOINT).replace(/\/+$/, '');
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Hosted zones in Route 53's order (names with labels reversed), starting at `dnsName`: the
   * zones named exactly `dnsName` come first, if any exist, followed by whatever sorts after it.
   * Without `dnsName`, from the first zone of the account.
   */
  async listHostedZonesByName(dnsName: string | undefined, options: { hostedZoneId?: string | undefined; maxItems: number }): Promise<HostedZonePage> {
    const query: [string, string][] = [...(dnsName === undefined ? [] : [['dnsname', dnsName] as [string, string]]), ['maxitems', String(options.maxItems)]];
    if (options.hostedZoneId !== undefined) query.push(['hostedzoneid', options.hostedZoneId]);
    const data = await this.call('ListHostedZonesByName', 'GET', '/hostedzonesbyname', query, undefined, 'ListHostedZonesByNameResponse', listHostedZonesSchema);
    return {
      zones: data.HostedZones.map((zone) => ({
        id: stripPrefix(zone.Id, '/hostedzone/'),
        name: zone.Name,
        privateZone: zone.Config !== undefined && zone.Config !== '' && zone.Config.PrivateZone === true,
      })),
      isTruncated: data.IsTruncated,
      nextDnsName: data.NextDNSName,
      nextHostedZoneId: data.NextHostedZoneId === undefined ? undefined : stripPrefix(data.NextHostedZoneId, '/hostedzone/'),
    };
  }

  /**
   * Record sets in the zone's order (name with labels reversed, then type) starting at
   * `name`/`type`. The API returns the record sets *at or after* that position, not only the
   * ones matching it: the caller must compare names and types itself.
   */
  async listResourceRecordSets(zoneId: string, start: { name: string; type: string; maxItems: number }): Promise<RecordSetPage> {
    const query: [string, string][] = [['name', start.name], ['type', start.type], ['maxitems', String(start.maxItems)]];
    const data = await this.call(
      'ListResourceRecordSets',
      'GET',
      `/hostedzone/${encodeURIComponent(zoneId)}/rrset`,
      query,
      undefined,
      'ListResourceRecordSetsResponse',
      listRecordSetsSchema,
    );
    return {
      recordSets: data.ResourceRecordSets.map((set) => ({
        name: set.Name,
        type: set.Type,
        ttl: set.TTL,
        values: (set.ResourceRecords ?? []).map((record) => record.Value),
        setIdentifier: set.SetIdentifier,
        alias: set.AliasTarget !== undefined,
      })),
      isTruncated: data.IsTruncated,
    };
  }

  /** Sends one change batch; Route 53 applies all of its changes or none. */
  async changeResourceRecordSets(zoneId: string, changes: readonly RecordSetChange[], comment: string): Promise<ChangeInfo> {
    const body = builder.build({
      '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
      ChangeResourceRecordSetsRequest: {
        '@_xmlns': ROUTE53_NAMESPACE,
        ChangeBatch: {
          Comment: comment,
          Changes: {
            Change: changes.map((change) => ({
              Action: change.action,
              ResourceRecordSet: {
                Name: change.name,
                Type: change.type,
                TTL: change.ttl,
                ResourceRecords: { ResourceRecord: change.values.map((value) => ({ Value: value })) },
              },
            })),
          },
        },
      },
    }) as string;
    const data = await this.call(
      'ChangeResourceRecordSets',
      'POST',
      `/hostedzone/${encodeURIComponent(zoneId)}/rrset`,
      [],
      body,
      'ChangeResourceRecordSetsResponse',
      changeResponseSchema,
    );
    return { id: stripPrefix(data.ChangeInfo.Id, '/change/'), status: data.ChangeInfo.Status, submittedAt: data.ChangeInfo.SubmittedAt };
  }

  /** Signs and sends one request; returns the validated root element of a 2xx answer or throws ProviderError. */
  private async call<T>(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    query: [string, string][],
    body: string | undefined,
    root: string,
    schema: z.ZodMiniType<T>,
  ): Promise<T> {
    // The query is written in its canonical form, so what is sent is byte for byte what is signed.
    const search = query.length > 0 ? `?${canonicalQueryString(query)}` : '';
    const url = `${this.base}${API_PREFIX}${path}${search}`;
    const signed = signRequest(
      { method, url, headers: body === undefined ? {} : { 'Content-Type': 'application/xml' }, body: body ?? '' },
      this.credentials,
      ROUTE53_SCOPE,
      this.clock(),
    );
    const response = await this.http.request({
      method,
      url,
      headers: signed.headers,
      ...(body === undefined ? {} : { body }),
      // Read Route 53's own error document from 4xx/5xx answers instead of a generic status error.
      acceptAnyStatus: true,
    });
    if (response.status < 200 || response.status >= 300) throw this.failure(response, operation);

    const document = parseXml(response.text);
    const parsed = schema.safeParse(document?.[root]);
    if (!parsed.success) {
      throw this.error('protocol', `Route 53 ${operation}: the answer is not a ${root} document (${describeBody(response.text)}); is endpoint right?`, {
        status: response.status,
      });
    }
    return parsed.data;
  }

  /** Turns an error answer into the ProviderError the core acts on. */
  private failure(response: HttpResponse, operation: string): ProviderError {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const awsError = parseAwsError(response.text);
    const details = { status, retryAfterMs, code: awsError?.code };

    if (awsError === undefined) {
      const what = `HTTP ${status} without a Route 53 error document (${describeBody(response.text)})`;
      if (status === 429) return this.error('rate-limit', `Route 53 ${operation}: rate limited (${what})`, details);
      if (status >= 500) return this.error('transient', `Route 53 ${operation}: server error (${what})`, details);
      if (status === 401 || status === 403) return this.error('auth', `Route 53 ${operation}: access refused (${what}); ${CREDENTIALS_HINT}`, details);
      return this.error('protocol', `Route 53 ${operation}: ${what}; is endpoint right, or is a proxy in between?`, details);
    }

    const { code } = awsError;
    const said = awsError.message === '' ? code : `${code}: ${awsError.message}`;
    if (RATE_LIMIT_CODES.has(code) || status === 429) {
      const reason = code === 'PriorRequestNotComplete' ? 'the zone is still applying an earlier change' : 'rate limited';
      return this.error('rate-limit', `Route 53 ${operation}: ${reason} (${said})`, details);
    }
    if (status >= 500) return this.error('transient', `Route 53 ${operation}: server error (HTTP ${status}, ${said})`, details);
    if (CLOCK_CODES.has(code) || CLOCK_MESSAGE.test(awsError.message)) {
      return this.error('clock-skew', `Route 53 ${operation}: AWS refused the request's timestamp (${said}); ${this.clockAdvice(response)}`, details);
    }
    if (code === 'SignatureDoesNotMatch') {
      return this.error('auth', `Route 53 ${operation}: AWS rejected the request signature (${code}); secret_access_key is wrong or does not belong to access_key_id`, details);
    }
    if (UNKNOWN_KEY_CODES.has(code)) {
      const token = this.credentials.sessionToken ? ' (or the session_token)' : '';
      return this.error('auth', `Route 53 ${operation}: AWS does not recognise access_key_id${token} (${code}); ${CREDENTIALS_HINT}`, details);
    }
    if (EXPIRED_TOKEN_CODES.has(code)) {
      return this.error(
        'auth',
        `Route 53 ${operation}: the session_token has expired (${code}); temporary credentials last hours at most, use an IAM user's access key for a scheduled job`,
        details,
      );
    }
    if (ACCESS_DENIED_CODES.has(code)) {
      return this.error('auth', `Route 53 ${operation}: access denied (${said}); the access key's IAM policy must allow route53:${operation}`, details);
    }
    if (code === 'InvalidChangeBatch') return this.error('config', `Route 53 refused the change (${said})`, details);
    if (code === 'NoSuchHostedZone') return this.error('not-found', `Route 53 ${operation}: ${said}; check hosted_zone_id`, details);
    if (status === 401 || status === 403) return this.error('auth', `Route 53 ${operation}: access refused (HTTP ${status}, ${said}); ${CREDENTIALS_HINT}`, details);
    return this.error('config', `Route 53 refused ${operation} (HTTP ${status}, ${said})`, details);
  }

  /** How far off the local clock is, from the Date header of AWS's answer. */
  private clockAdvice(response: HttpResponse): string {
    const tolerance = CLOCK_TOLERANCE_SECONDS / 60;
    const fix = 'correct the time or turn on time synchronisation (Windows: w32tm /resync; Linux: timedatectl set-ntp true)';
    const serverTime = Date.parse(response.headers.get('date') ?? '');
    if (Number.isNaN(serverTime)) return `${clockProbablyOff(tolerance)}; ${fix}`;
    const offMs = this.clock().getTime() - serverTime;
    const minutes = Math.round(Math.abs(offMs) / 60_000);
    if (minutes < tolerance) {
      // AWS allows this much either way: a clock this close was not the cause.
      return `the system clock is within ${minutes} minutes of AWS's, so the request was probably held up on the way (a proxy?) for over ${tolerance} minutes`;
    }
    return `${clockOffBy(offMs, 'AWS')}; ${fix}`;
  }

  /** Builds the error, removing the secret key or token should a message ever contain them. */
  private error(
    kind: ProviderErrorKind,
    message: string,
    details: { status: number; retryAfterMs?: number | undefined; code?: string | undefined },
  ): ProviderError {
    return providerErrorWithout([this.credentials.secretAccessKey, this.credentials.sessionToken], kind, message, details);
  }
}

function stripPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

function parseXml(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  try {
    const parsed: unknown = parser.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `<ErrorResponse>` or ChangeResourceRecordSets' `<InvalidChangeBatch>`; undefined for anything else. */
export function parseAwsError(text: string): AwsError | undefined {
  const document = parseXml(text);
  if (document === undefined) return undefined;
  const error = errorResponseSchema.safeParse(document['ErrorResponse']);
  if (error.success) {
    return { code: oneLine(error.data.Error.Code, MAX_CODE_LENGTH), message: oneLine(error.data.Error.Message ?? '', MAX_MESSAGE_LENGTH), requestId: error.data.RequestId };
  }
  const batch = invalidChangeBatchSchema.safeParse(document['InvalidChangeBatch']);
  if (batch.success) {
    const messages = [...(batch.data.Messages ?? []), ...(batch.data.Message === undefined ? [] : [batch.data.Message])];
    return { code: 'InvalidChangeBatch', message: oneLine(messages.join('; '), MAX_MESSAGE_LENGTH), requestId: batch.data.RequestId };
  }
  return undefined;
}

/** How much of AWS's own code and message a reason quotes: the real ones are far shorter. */
const MAX_CODE_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 160;

/** Server text as it may stand in a one-line reason: line breaks and control characters made spaces, and cut. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
