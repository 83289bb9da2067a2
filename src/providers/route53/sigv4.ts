import { amzDate, canonicalQueryString, hmac, hmacHex, percentEncode, sha256Hex } from '../signing.js';

/**
 * AWS Signature Version 4 (header form) for the requests ddns sends to Route 53. The generic
 * pieces (HMAC, SHA-256, RFC 3986 encoding, canonical query, timestamps) come from the shared
 * signing module; what lives here is SigV4's own: the canonical request, the string to sign and
 * the kSecret → kDate → kRegion → kService → kSigning key chain.
 * Checked byte for byte against the aws-sig-v4-test-suite vectors (test/unit/route53-sigv4.test.ts).
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) come with a session token, sent as X-Amz-Security-Token. */
  sessionToken?: string | undefined;
}

export interface SigV4Scope {
  region: string;
  service: string;
}

export interface SigV4Request {
  method: string;
  /** Absolute URL exactly as it will be requested: its host, path and query are what get signed. */
  url: string;
  /** Headers to sign (and send). Host and X-Amz-Date are added when missing. */
  headers: Record<string, string>;
  body: string;
}

export interface SignedRequest {
  /** The request's headers plus Host, X-Amz-Date, X-Amz-Security-Token (if any) and Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, date: string, scope: SigV4Scope): Buffer {
  const kDate = hmac('sha256', `AWS4${secretAccessKey}`, date);
  const kRegion = hmac('sha256', kDate, scope.region);
  const kService = hmac('sha256', kRegion, scope.service);
  return hmac('sha256', kService, 'aws4_request');
}

/**
 * The canonical URI of every service but S3: the path with dot segments and empty segments
 * removed (RFC 3986 normalisation), each segment of the path *as sent* (already percent-encoded
 * once) percent-encoded again. Route 53's paths (`/2013-04-01/hostedzone/Z…/rrset`) contain
 * nothing that needs encoding, but a proxy prefix in `endpoint` might.
 */
export function canonicalUri(pathname: string): string {
  const segments: string[] = [];
  for (const segment of pathname.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && pathname.endsWith('/') ? '/' : '';
  return `/${segments.map(percentEncode).join('/')}${trailingSlash}`;
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" is signed as the literal text it is
  }
}

/** `?b=2&a=1` → its name/value pairs, decoded, so the shared canonical form can re-encode them. */
export function queryPairs(search: string): [string, string][] {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query === '') return [];
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      return [decodeQueryComponent(name), decodeQueryComponent(value)];
    });
}

/**
 * Canonical headers block and signed-headers list: names lower-cased and sorted, values trimmed
 * with inner whitespace runs collapsed to one space, values of a repeated name joined by ",".
 */
export function canonicalHeaders(headers: Record<string, string>): { block: string; signedHeaders: string } {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.trim().toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), value.trim().replace(/\s+/g, ' ')]);
  }
  const names = [...grouped.keys()].sort();
  return {
    block: names.map((name) => `${name}:${(grouped.get(name) ?? []).join(',')}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}

/** Sets a header, replacing any spelling of the same name (header names are case-insensitive). */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * Signs a request. The Host header signed is the URL's host (with its port when not the
 * default), which is what Node sends, so an `endpoint` override is signed for the host it
 * really reaches; the caller must send the returned headers unchanged.
 */
export function signRequest(request: SigV4Request, credentials: AwsCredentials, scope: SigV4Scope, now: Date): SignedRequest {
  const url = new URL(request.url);
  const { dateTime, date } = amzDate(now);
  const headers = { ...request.headers };
  if (!hasHeader(headers, 'host')) setHeader(headers, 'Host', url.host);
  setHeader(headers, 'X-Amz-Date', dateTime);
  if (credentials.sessionToken !== undefined && credentials.sessionToken !== '') {
    setHeader(headers, 'X-Amz-Security-Token', credentials.sessionToken);
  }

  const { block, signedHeaders } = canonicalHeaders(headers);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString(queryPairs(url.search)),
    block,
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, dateTime, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signature = hmacHex('sha256', deriveSigningKey(credentials.secretAccessKey, date, scope), stringToSign);
  const authorization = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return {
    headers: { ...headers, Authorization: authorization },
    canonicalRequest,
    stringToSign,
    credentialScope,
    signedHeaders,
    signature,
    authorization,
  };
}
