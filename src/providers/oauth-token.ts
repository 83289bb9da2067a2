import * as z from 'zod/mini';
import { type ProviderError, providerErrorWithout } from '../http/errors.js';
import { parseRetryAfter, type HttpClient, type HttpResponse } from '../http/client.js';
import { describeBody, parseJsonAs } from './answers.js';

/**
 * OAuth 2.0 access tokens for the APIs behind one (Azure Resource Manager: Entra ID client
 * credentials; Google Cloud: a service account's signed JWT): the form POST to the token endpoint
 * (RFC 6749 §4.4, RFC 7523), its answer read and its refusals (§5.2) turned into one-line
 * ProviderErrors, and the token kept in memory for the run. Never written anywhere.
 */

/** A token endpoint's refusal: RFC 6749's `error` code and the server's own description. */
export interface OAuthRefusal {
  status: number;
  error: string;
  /** The description's first line (Entra appends trace ids on later lines), without secrets. */
  description: string;
}

export interface TokenRequest {
  url: string;
  form: Readonly<Record<string, string>>;
  /** How messages name the token service: "Microsoft Entra ID". */
  service: string;
  /** Values no message may hold (a client secret, a signed assertion). */
  secrets: readonly string[];
  /** The provider's reading of a refusal, naming the key to fix; undefined: the generic message. */
  refused?(refusal: OAuthRefusal, fail: (kind: ProviderError['kind'], message: string) => ProviderError): ProviderError | undefined;
}

export interface AccessToken {
  value: string;
  /** Local time (ms since the epoch) after which the token is no longer accepted. */
  expiresAt: number;
}

/** A token's life when the answer does not say (both services issue one-hour tokens). */
const DEFAULT_LIFETIME_S = 3600;
/** A token this close to its end is replaced rather than sent. */
const EXPIRY_MARGIN_MS = 60_000;
const MAX_DESCRIPTION = 160;

const tokenSchema = z.object({
  access_token: z.string().check(z.minLength(1), z.regex(/^[\x21-\x7e]+$/)),
  token_type: z.optional(z.string()),
  expires_in: z.optional(z.union([z.number(), z.string().check(z.regex(/^\d+$/))])),
});
const refusalSchema = z.object({ error: z.string().check(z.minLength(1)), error_description: z.optional(z.string()) });

function firstLine(text: string): string {
  const line = (text.split(/\r?\n/)[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
}

function failure(request: TokenRequest, response: HttpResponse): ProviderError {
  const { status } = response;
  const fail = (kind: ProviderError['kind'], message: string, retryAfterMs?: number) =>
    providerErrorWithout(request.secrets, kind, message, { status, retryAfterMs });
  const parsed = parseJsonAs(refusalSchema, response.text);
  const said = parsed === undefined ? describeBody(response.text) : `${parsed.error}: ${firstLine(parsed.error_description ?? '')}`.replace(/: $/, '');
  if (status === 429) return fail('rate-limit', `${request.service} token endpoint: rate limited (HTTP 429, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
  if (status >= 500) return fail('transient', `${request.service} token endpoint: server error (HTTP ${status}, ${said})`, parseRetryAfter(response.headers.get('retry-after')));
  if (parsed === undefined || status < 400) return fail('protocol', `${request.service} token endpoint: unexpected answer (HTTP ${status}, ${said}); is endpoint right?`);
  const refusal: OAuthRefusal = { status, error: parsed.error, description: firstLine(parsed.error_description ?? '') };
  const own = request.refused?.(refusal, (kind, message) => fail(kind, message));
  if (own !== undefined) return own;
  const kind = ['invalid_client', 'invalid_grant', 'unauthorized_client', 'access_denied'].includes(parsed.error) ? 'auth' : 'config';
  return fail(kind, `${request.service} refused the token request (HTTP ${status}, ${said})`);
}

/** POSTs the form to the token endpoint; resolves with the access token or throws a ProviderError. */
export async function requestAccessToken(http: HttpClient, request: TokenRequest, now: () => number = Date.now): Promise<AccessToken> {
  const response = await http.request({
    method: 'POST',
    url: request.url,
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(request.form).toString(),
    acceptAnyStatus: true,
  });
  if (response.status !== 200) throw failure(request, response);
  const token = parseJsonAs(tokenSchema, response.text);
  if (token === undefined || (token.token_type !== undefined && token.token_type.toLowerCase() !== 'bearer')) {
    throw providerErrorWithout(request.secrets, 'protocol', `${request.service} token endpoint: unexpected answer (HTTP 200, ${describeBody(response.text)}); is endpoint right?`, { status: 200 });
  }
  const lifetime = token.expires_in === undefined ? DEFAULT_LIFETIME_S : Number(token.expires_in);
  return { value: token.access_token, expiresAt: now() + lifetime * 1000 };
}

/**
 * One access token per provider instance (one run): fetched on first use, shared by concurrent
 * callers, fetched again only when it is about to expire. A failed fetch is not kept, so a retry
 * asks again.
 */
export class AccessTokenCache {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    const cached = this.current;
    if (cached !== undefined && cached.expiresAt > this.now() + EXPIRY_MARGIN_MS) return cached.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    const token = await this.pending;
    this.current = token;
    return token.value;
  }
}
