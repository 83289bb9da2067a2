import * as z from 'zod/mini';
import { ProviderError, providerErrorWithout, type ProviderErrorKind } from '../../http/errors.js';
import { describeBody, parseJsonAs } from '../answers.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../../http/client.js';

/**
 * Wire client for the parts of Cloudflare API v4 a DDNS updater needs (zones lookup, DNS record
 * list/create/patch). It turns every answer into either a validated `result` or a ProviderError
 * whose kind tells the core whether retrying can help. Wire facts: WIRE.md in this folder.
 */

export const CLOUDFLARE_API_BASE = 'https://api.cloudflare.com/client/v4';

// `error_chain` items are validated level by level in flattenErrors, not recursively here: a
// hostile or broken answer nested thousands deep must not exhaust the stack.
const errorItemSchema = z.object({
  code: z.number(),
  message: z.string(),
  error_chain: z.optional(z.array(z.unknown())),
});

export type CloudflareErrorItem = z.infer<typeof errorItemSchema>;

/** Cloudflare nests one or two causes; anything deeper is noise for a one-line message. */
const MAX_ERROR_CHAIN_DEPTH = 5;

const resultInfoSchema = z.object({
  page: z.optional(z.number()),
  per_page: z.optional(z.number()),
  count: z.optional(z.number()),
  total_count: z.optional(z.number()),
  total_pages: z.optional(z.number()),
});

export type CloudflareResultInfo = z.infer<typeof resultInfoSchema>;

/** Every v4 answer, success or failure, is this envelope; only `result` differs per endpoint. */
const envelopeSchema = z.object({
  success: z.boolean(),
  errors: z.array(errorItemSchema),
  messages: z.optional(z.array(z.unknown())),
  result: z.unknown(),
  result_info: z.nullish(resultInfoSchema),
});

const zoneSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  status: z.optional(z.string()),
});

export type CloudflareZone = z.infer<typeof zoneSchema>;

const dnsRecordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  type: z.string(),
  name: z.string(),
  content: z.string(),
  ttl: z.optional(z.number()),
  proxied: z.optional(z.boolean()),
  proxiable: z.optional(z.boolean()),
  comment: z.nullish(z.string()),
  created_on: z.optional(z.string()),
  modified_on: z.optional(z.string()),
});

export type CloudflareDnsRecord = z.infer<typeof dnsRecordSchema>;

export interface CloudflareList<T> {
  items: T[];
  resultInfo: CloudflareResultInfo | undefined;
}

/** Body of POST /zones/{id}/dns_records. */
export interface CreateDnsRecordBody {
  type: string;
  name: string;
  content: string;
  ttl: number;
  proxied: boolean;
  comment?: string;
}

/** Body of PATCH /zones/{id}/dns_records/{id}: only the fields to change. */
export interface PatchDnsRecordBody {
  content: string;
  ttl?: number;
  proxied?: boolean;
  comment?: string;
}

/** The most zones GET /zones returns per page. */
export const ZONES_PER_PAGE = 50;

const TOKEN_HINT = 'check api_token and that it has Zone:Read and DNS:Edit';

/** Codes meaning the credentials were refused: retrying cannot help. */
const AUTH_CODES: ReadonlySet<number> = new Set([
  9109, // Invalid access token / token used from a location its IP filter does not allow
  10000, // Authentication error (token lacks the permission for this resource)
]);
/** Codes meaning the Authorization header itself is malformed (typically a pasted token with spaces). */
const MALFORMED_HEADER_CODES: ReadonlySet<number> = new Set([
  6003, // Invalid request headers (wraps one of the following in error_chain)
  6111, // Invalid format for Authorization header
  6102, // Invalid format for X-Auth-Email header
  6103, // Invalid format for X-Auth-Key header (a token used as a Global API Key)
]);
const NOT_FOUND_CODES: ReadonlySet<number> = new Set([
  7003, // Could not route to /client/v4/zones/…: the object identifier is invalid
  7000, // No route for that URI
  81044, // Record does not exist
]);
const CONFLICT_CODES: ReadonlySet<number> = new Set([
  81057, // Record already exists (e.g. a CNAME with the same name)
  81058, // An identical record already exists
]);
const RATE_LIMIT_CODE = 971;
const FREE_TLD_CODE = 1038; // "You cannot use this API for domains with a .cf, .ga, .gq, .ml, or .tk TLD"

export interface CloudflareClientOptions {
  http: HttpClient;
  apiToken: string;
  /**
   * Replaces the whole base URL including the `/client/v4` prefix, e.g.
   * `http://127.0.0.1:8080/client/v4` (what the test fake's `url` gives). A trailing slash is ignored.
   */
  endpoint?: string | undefined;
}

type QueryValue = string | number;

interface CallOptions {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path below the base, starting with `/`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: object;
}

export class CloudflareClient {
  private readonly http: HttpClient;
  private readonly apiToken: string;
  private readonly base: string;

  constructor(options: CloudflareClientOptions) {
    this.http = options.http;
    this.apiToken = options.apiToken;
    this.base = (options.endpoint ?? CLOUDFLARE_API_BASE).replace(/\/+$/, '');
  }

  /** Active zones with exactly this name that the token can read (zero or one in practice). */
  async listActiveZones(name: string): Promise<CloudflareList<CloudflareZone>> {
    return this.list(
      { method: 'GET', path: '/zones', query: { name, status: 'active', per_page: ZONES_PER_PAGE } },
      zoneSchema,
      'zone',
    );
  }

  /** One page of every active zone the token can read (`per_page` at the API's maximum, 50). */
  async listActiveZonesPage(page: number): Promise<CloudflareList<CloudflareZone>> {
    return this.list(
      { method: 'GET', path: '/zones', query: { status: 'active', per_page: ZONES_PER_PAGE, page } },
      zoneSchema,
      'zone',
    );
  }

  async listDnsRecords(zoneId: string, type: string, name: string): Promise<CloudflareList<CloudflareDnsRecord>> {
    return this.list(
      { method: 'GET', path: `/zones/${encodeURIComponent(zoneId)}/dns_records`, query: { type, name, per_page: 50 } },
      dnsRecordSchema,
      'DNS record',
    );
  }

  async createDnsRecord(zoneId: string, body: CreateDnsRecordBody): Promise<CloudflareDnsRecord> {
    const result = await this.call({ method: 'POST', path: `/zones/${encodeURIComponent(zoneId)}/dns_records`, body });
    return this.parseResult(result, dnsRecordSchema, 'DNS record', 'POST /zones/…/dns_records');
  }

  async patchDnsRecord(zoneId: string, recordId: string, body: PatchDnsRecordBody): Promise<CloudflareDnsRecord> {
    const result = await this.call({
      method: 'PATCH',
      path: `/zones/${encodeURIComponent(zoneId)}/dns_records/${encodeURIComponent(recordId)}`,
      body,
    });
    return this.parseResult(result, dnsRecordSchema, 'DNS record', 'PATCH /zones/…/dns_records/…');
  }

  private async list<T>(options: CallOptions, itemSchema: z.ZodMiniType<T>, what: string): Promise<CloudflareList<T>> {
    const envelope = await this.call(options);
    const items = this.parseResult(envelope, z.array(itemSchema), `${what} list`, `${options.method} ${options.path}`);
    return { items, resultInfo: envelope.result_info ?? undefined };
  }

  private parseResult<T>(envelope: Envelope, schema: z.ZodMiniType<T>, what: string, request: string): T {
    const parsed = schema.safeParse(envelope.result);
    if (!parsed.success) {
      throw new ProviderError('protocol', `Cloudflare ${request}: the answer's result is not a ${what}`);
    }
    return parsed.data;
  }

  /** Sends one request and returns the envelope of a successful answer; throws ProviderError otherwise. */
  private async call(options: CallOptions): Promise<Envelope> {
    const url = new URL(this.base + options.path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.apiToken}`,
      Accept: 'application/json',
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.http.request({
      method: options.method,
      url: url.href,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      // Read Cloudflare's own error envelope from 4xx/5xx answers instead of a generic status error.
      acceptAnyStatus: true,
    });
    return this.interpret(response, `${options.method} ${options.path}`);
  }

  private interpret(response: HttpResponse, request: string): Envelope {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const envelope = parseJsonAs(envelopeSchema, response.text);

    if (envelope === undefined) {
      // Rate limiting answers are often plain text ("More than 1200 requests per 300 seconds reached…").
      if (status === 429) {
        throw this.error('rate-limit', `Cloudflare rate limit reached (HTTP 429) on ${request}`, { status, retryAfterMs });
      }
      if (status >= 500) {
        throw this.error('transient', `Cloudflare server error (HTTP ${status}) on ${request}`, { status, retryAfterMs });
      }
      throw this.error(
        'protocol',
        `Cloudflare ${request}: HTTP ${status} answer is not a Cloudflare API envelope (${describeBody(response.text)}); is endpoint right, or is a proxy in between?`,
        { status },
      );
    }

    if (envelope.success && status < 400) return envelope;

    const errors = flattenErrors(envelope.errors);
    const codes = new Set(errors.map((error) => error.code));
    const summary = errors.length > 0 ? errors.map((error) => `${error.code} ${error.message}`).join('; ') : 'no error details';
    const code = errors[0]?.code;
    const details = { status, retryAfterMs, code };

    if (status === 429 || codes.has(RATE_LIMIT_CODE)) {
      throw this.error('rate-limit', `Cloudflare rate limit reached (HTTP ${status}, ${summary}) on ${request}`, details);
    }
    if (status >= 500) {
      throw this.error('transient', `Cloudflare server error (HTTP ${status}, ${summary}) on ${request}`, details);
    }
    if (hasAny(codes, MALFORMED_HEADER_CODES)) {
      throw this.error(
        'auth',
        `Cloudflare rejected the Authorization header (${summary}): api_token must be an API token (not the Global API Key), without spaces, quotes or line breaks`,
        details,
      );
    }
    if (hasAny(codes, AUTH_CODES)) {
      throw this.error('auth', `Cloudflare rejected the API token (${summary}): ${TOKEN_HINT}`, details);
    }
    if (codes.has(FREE_TLD_CODE)) {
      throw this.error('config', `Cloudflare refused ${request} (${summary})`, details);
    }
    const kind = classifyByCode(codes) ?? (status === 401 || status === 403 ? 'auth' : 'config');
    const hint = kind === 'auth' ? `: ${TOKEN_HINT}` : '';
    throw this.error(kind, `Cloudflare refused ${request} (HTTP ${status}, ${summary})${hint}`, details);
  }

  /** Builds the error, removing the token should the server ever echo it back. */
  private error(
    kind: ProviderErrorKind,
    message: string,
    details: { status: number; retryAfterMs?: number | undefined; code?: number | undefined },
  ): ProviderError {
    return providerErrorWithout([this.apiToken], kind, message, details);
  }
}

type Envelope = z.infer<typeof envelopeSchema>;

/** The top-level errors followed by their `error_chain` causes (6003 wraps 6111, for example). */
function flattenErrors(errors: readonly CloudflareErrorItem[]): CloudflareErrorItem[] {
  const flat: CloudflareErrorItem[] = [];
  let level: readonly CloudflareErrorItem[] = errors;
  for (let depth = 0; depth < MAX_ERROR_CHAIN_DEPTH && level.length > 0; depth++) {
    flat.push(...level);
    level = level.flatMap((error) =>
      (error.error_chain ?? []).flatMap((cause) => {
        const parsed = errorItemSchema.safeParse(cause);
        return parsed.success ? [parsed.data] : [];
      }),
    );
  }
  return flat;
}

function hasAny(codes: ReadonlySet<number>, wanted: ReadonlySet<number>): boolean {
  for (const code of codes) if (wanted.has(code)) return true;
  return false;
}

function classifyByCode(codes: ReadonlySet<number>): ProviderErrorKind | undefined {
  if (hasAny(codes, NOT_FOUND_CODES)) return 'not-found';
  if (hasAny(codes, CONFLICT_CODES)) return 'conflict';
  return undefined;
}

/**
 * True for the "record already exists" refusals (81057/81058) a retried POST can cause: they are
 * the only answers this client maps to kind 'conflict'.
 */
export function isAlreadyExistsError(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.kind === 'conflict';
}
