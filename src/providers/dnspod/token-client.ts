import * as z from 'zod/mini';
import '../../zod-english.js';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';
import type { CreateRecordParams, DescribeRecordListParams, DnspodApi, DnspodDomain, DnspodRecord, ModifyDynamicDnsParams } from './client.js';

/**
 * Wire client for the DNSPod token API (dnsapi.cn, and api.dnspod.com for the international
 * site): form-encoded POSTs to /<Action> authenticated by `login_token=ID,TOKEN`, answered with
 * `{"status":{"code":"1",…},…}`. It speaks the same DnspodApi as the Tencent Cloud API 3.0
 * client, so the provider does not care which credential the config gave. Wire facts and their
 * sources: WIRE.md in this folder.
 */

export const TOKEN_ENDPOINTS = { cn: 'https://dnsapi.cn', intl: 'https://api.dnspod.com' } as const;
export type DnspodSite = keyof typeof TOKEN_ENDPOINTS;

/** A record already holds this host, type, line and value (the legacy "Domain record already exists"). */
export const TOKEN_CODE_RECORD_EXISTS = '104';
const CODE_SUCCESS = '1';
/** Record.List: no records (only when error_on_empty is not "no"). */
const CODE_NO_RECORDS = '10';

const LOGIN_CODES: ReadonlySet<string> = new Set(['-1', '10001']);
const LOCKED_CODES: ReadonlySet<string> = new Set(['-8', '83', '85']);
const PERMISSION_CODES: ReadonlySet<string> = new Set(['-7', '7', '9']);
const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['6', '8']);
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['3', '-99']);

const TOKEN_HINT = 'check login_token: "ID,TOKEN" as the DNSPod console shows it (Account → API 密钥 → DNSPod Token)';

const statusSchema = z.object({
  // A string on the wire; a number is accepted too, as some answers carry one.
  code: z.union([z.string(), z.number()]),
  message: z._default(z.optional(z.string()), ''),
});

const envelopeSchema = z.looseObject({ status: statusSchema });

const idSchema = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/)), z.number().check(z.int(), z.nonnegative())]),
  z.transform((id) => Number(id)),
);
const numberish = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/)), z.number().check(z.int(), z.nonnegative())]),
  z.transform((value) => Number(value)),
);

const domainListSchema = z.object({
  info: z.optional(z.looseObject({ all_total: z.optional(numberish), domain_total: z.optional(numberish) })),
  domains: z._default(
    z.array(z.looseObject({ id: idSchema, name: z.string().check(z.minLength(1)), punycode: z.optional(z.string()), status: z.optional(z.string()) })),
    [],
  ),
});

const recordListSchema = z.object({
  records: z._default(
    z.array(
      z.looseObject({
        id: idSchema,
        name: z.string(),
        type: z.string(),
        line: z.string(),
        value: z.string(),
        ttl: z.optional(numberish),
        /** "1" enabled, "0" paused. */
        enabled: z.optional(z.union([z.string(), z.number()])),
      }),
    ),
    [],
  ),
});

const recordAnswerSchema = z.object({ record: z.looseObject({ id: idSchema }) });

export interface DnspodTokenClientOptions {
  http: HttpClient;
  /** "ID,TOKEN". */
  loginToken: string;
  site: DnspodSite;
  /** Replaces the site's base URL (a proxy, a test fake); the action is appended as a path segment. */
  endpoint?: string | undefined;
}

export class DnspodTokenClient implements DnspodApi {
  private readonly http: HttpClient;
  private readonly loginToken: string;
  private readonly base: string;

  constructor(options: DnspodTokenClientOptions) {
    this.http = options.http;
    this.loginToken = options.loginToken;
    this.base = (options.endpoint ?? TOKEN_ENDPOINTS[options.site]).replace(/\/+$/, '');
  }

  async describeDomainList(offset: number, limit: number): Promise<{ domains: DnspodDomain[]; total: number | undefined }> {
    const answer = await this.call('Domain.List', { type: 'all', offset: String(offset), length: String(limit) }, domainListSchema);
    return {
      domains: answer.domains.map((domain) => ({
        DomainId: domain.id,
        Name: domain.name,
        ...(domain.punycode === undefined ? {} : { Punycode: domain.punycode }),
        ...(domain.status === undefined ? {} : { Status: domain.status }),
      })),
      total: answer.info?.all_total ?? answer.info?.domain_total,
    };
  }

  async describeRecordList(params: DescribeRecordListParams): Promise<DnspodRecord[]> {
    const answer = await this.call(
      'Record.List',
      { domain: params.Domain, sub_domain: params.Subdomain, record_type: params.RecordType, record_line: params.RecordLine, offset: '0', length: String(params.Limit) },
      recordListSchema,
    );
    return answer.records.map((record) => ({
      RecordId: record.id,
      Value: record.value,
      Name: record.name,
      Type: record.type,
      Line: record.line,
      ...(record.ttl === undefined ? {} : { TTL: record.ttl }),
      ...(record.enabled === undefined ? {} : { Status: String(record.enabled) === '0' ? 'DISABLE' : 'ENABLE' }),
    }));
  }

  async createRecord(params: CreateRecordParams): Promise<number> {
    const answer = await this.call(
      'Record.Create',
      {
        domain: params.Domain,
        sub_domain: params.SubDomain,
        record_type: params.RecordType,
        record_line: params.RecordLine,
        value: params.Value,
        ...(params.TTL === undefined ? {} : { ttl: String(params.TTL) }),
      },
      recordAnswerSchema,
    );
    return answer.record.id;
  }

  /** Record.Modify: unlike ModifyDynamicDNS it needs the record's type. */
  async modifyDynamicDns(params: ModifyDynamicDnsParams, type: string): Promise<number> {
    const answer = await this.call(
      'Record.Modify',
      {
        domain: params.Domain,
        record_id: String(params.RecordId),
        sub_domain: params.SubDomain,
        record_type: type,
        record_line: params.RecordLine,
        value: params.Value,
        ...(params.Ttl === undefined ? {} : { ttl: String(params.Ttl) }),
      },
      recordAnswerSchema,
    );
    return answer.record.id;
  }

  private async call<T>(action: string, params: Record<string, string>, schema: z.ZodMiniType<T>): Promise<T> {
    // error_on_empty=no: an empty list is a list, not code 10 (handled anyway, should a server ignore it).
    const body = new URLSearchParams({ login_token: this.loginToken, format: 'json', lang: 'en', error_on_empty: 'no', ...params }).toString();
    const response = await this.http.request({
      method: 'POST',
      url: `${this.base}/${action}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      acceptAnyStatus: true,
    });
    const answer = this.interpret(response, action);
    if (answer === undefined) return schema.parse({});
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new ProviderError('protocol', `DNSPod ${action}: the answer does not have the documented fields`, { status: response.status });
    }
    return parsed.data;
  }

  /** The answer's fields on success; undefined for Record.List's "no records". */
  private interpret(response: HttpResponse, action: string): Record<string, unknown> | undefined {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (status === 429) throw this.error('rate-limit', `DNSPod ${action}: rate limited (HTTP 429)`, { status, retryAfterMs });
    if (status >= 500) throw this.error('transient', `DNSPod ${action}: server error (HTTP ${status})`, { status, retryAfterMs });
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined || status !== 200) {
      throw this.error(
        'protocol',
        `DNSPod ${action}: HTTP ${status} answer is not a DNSPod token API response (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`,
        { status },
      );
    }
    const code = String(envelope.status.code);
    if (code === CODE_SUCCESS) return envelope;
    if (code === CODE_NO_RECORDS && action === 'Record.List') return undefined;
    const detail = `code ${code}: ${oneLine(envelope.status.message) || 'no message'}`;
    const kind = classifyTokenCode(code);
    const details = { status, code };
    switch (kind) {
      case 'auth':
        if (LOGIN_CODES.has(code)) throw this.error(kind, `DNSPod rejected the login token (${detail}): ${TOKEN_HINT}`, details);
        if (LOCKED_CODES.has(code)) {
          throw this.error(kind, `DNSPod refused the account (${detail}): wait for the lock to clear (about an hour) and check login_token before running again`, details);
        }
        throw this.error(kind, `DNSPod denied ${action} (${detail}): the token's account must own or manage the domain`, details);
      case 'rate-limit':
        throw this.error(kind, `DNSPod rate limit reached on ${action} (${detail})`, details);
      case 'transient':
        throw this.error(kind, `DNSPod ${action} failed on the server side (${detail})`, details);
      default:
        throw this.error(kind, `DNSPod refused ${action} (${detail})`, details);
    }
  }

  /** Builds the error, removing the token should the server ever echo it back. */
  private error(kind: ProviderErrorKind, message: string, details: { status: number; retryAfterMs?: number | undefined; code?: string | undefined }): ProviderError {
    return providerErrorWithout(secretsOfLoginToken(this.loginToken), kind, message, details);
  }
}

/** Which ProviderError kind a token API status code is. Unknown codes are config problems: retrying cannot fix them. */
export function classifyTokenCode(code: string): ProviderErrorKind {
  if (LOGIN_CODES.has(code) || LOCKED_CODES.has(code) || PERMISSION_CODES.has(code)) return 'auth';
  if (code === '-2') return 'rate-limit';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  if (NOT_FOUND_CODES.has(code)) return 'not-found';
  if (code === TOKEN_CODE_RECORD_EXISTS) return 'conflict';
  return 'config';
}

/** The whole "ID,TOKEN" and the TOKEN part alone: both must never be shown. */
export function secretsOfLoginToken(loginToken: string): string[] {
  const token = loginToken.slice(loginToken.indexOf(',') + 1);
  return [loginToken, token];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
