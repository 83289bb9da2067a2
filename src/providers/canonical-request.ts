import { amzDate, canonicalQueryString, hmac, hmacHex, percentEncode, sha256Hex } from './signing.js';

/**
 * The canonical-request signers of the AWS SigV4 family, written once: AWS SigV4 itself (Route 53),
 * Volcengine's V4 variant and JD Cloud's JDCLOUD2, which share the layout
 *
 *   METHOD \n canonical path \n canonical query \n canonical headers \n signed headers \n hex(sha256(body))
 *
 * and the chained key kDate → kRegion → kService → kSigning, and differ only in the data a
 * `V4Scheme` holds. Baidu's bce-auth-v1 (below) canonicalises the same pieces, in its own layout.
 */

/** What one V4-family service does differently: all of it is data, none of it code. */
export interface V4Scheme {
  /** First line of the string to sign and the Authorization header's first word. */
  algorithm: string;
  /** kDate = HMAC(secretPrefix + secret, yyyymmdd): "AWS4" at AWS, "JDCLOUD2" at JD Cloud, nothing at Volcengine. */
  secretPrefix: string;
  /** Last element of the credential scope, and the last key of the chain ("aws4_request"). */
  terminator: string;
  /** The header carrying the signing time as yyyymmddThhmmssZ ("X-Amz-Date", "X-Date"). */
  dateHeader: string;
  /**
   * How a path becomes canonical. `reencode`: AWS's rule for every service but S3 (dot segments and
   * empty segments removed, each segment of the path as sent percent-encoded once more). `once`:
   * each segment decoded and percent-encoded once, so that an encoded and an unencoded path sign
   * alike (JD Cloud's signer; its published vectors show it).
   */
  pathEncoding: 'reencode' | 'once';
}

export interface V4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface V4Scope {
  region: string;
  service: string;
}

export interface V4Request {
  method: string;
  /** Absolute URL exactly as it will be requested: its path and query are what get signed. */
  url: string;
  /** Every header to sign (and send), Host included when the service signs it. The date header is set here. */
  headers: Record<string, string>;
  body: string;
}

export interface V4Signed {
  /** The request's headers plus the date header and Authorization: send these unchanged. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

/** Path as AWS signs it for every service but S3 (see V4Scheme.pathEncoding `reencode`). */
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

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%" is signed as the literal text it is
  }
}

/** Each segment decoded, then percent-encoded once; slashes stay as they are ("" → "/"). */
export function canonicalPathOnce(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  return path
    .split('/')
    .map((segment) => percentEncode(decodeComponent(segment)))
    .join('/');
}

/** `?b=2&a=1` → its name/value pairs, decoded, so the canonical form can re-encode them. */
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
      return [decodeComponent(name), decodeComponent(value)];
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
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/** kSigning = HMAC(HMAC(HMAC(HMAC(prefix + secret, yyyymmdd), region), service), terminator). */
export function deriveV4SigningKey(scheme: V4Scheme, secretAccessKey: string, date: string, scope: V4Scope): Buffer {
  const kDate = hmac('sha256', `${scheme.secretPrefix}${secretAccessKey}`, date);
  const kRegion = hmac('sha256', kDate, scope.region);
  const kService = hmac('sha256', kRegion, scope.service);
  return hmac('sha256', kService, scheme.terminator);
}

/** Signs a request: the headers given plus the scheme's date header, all of them signed. */
export function signV4(request: V4Request, credentials: V4Credentials, scheme: V4Scheme, scope: V4Scope, now: Date): V4Signed {
  const url = new URL(request.url);
  const { dateTime, date } = amzDate(now);
  const headers = { ...request.headers };
  setHeader(headers, scheme.dateHeader, dateTime);

  const { block, signedHeaders } = canonicalHeaders(headers);
  const canonicalRequest = [
    request.method.toUpperCase(),
    scheme.pathEncoding === 'reencode' ? canonicalUri(url.pathname) : canonicalPathOnce(url.pathname),
    canonicalQueryString(queryPairs(url.search)),
    block,
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const credentialScope = `${date}/${scope.region}/${scope.service}/${scheme.terminator}`;
  const stringToSign = [scheme.algorithm, dateTime, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signature = hmacHex('sha256', deriveV4SigningKey(scheme, credentials.secretAccessKey, date, scope), stringToSign);
  const authorization = `${scheme.algorithm} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: { ...headers, Authorization: authorization }, canonicalRequest, stringToSign, credentialScope, signedHeaders, signature, authorization };
}

// ---------------------------------------------------------------------------------------------
// Baidu AI Cloud bce-auth-v1 (cloud.baidu.com/doc/Reference/s/njwvz1yfu)

export interface BceV1Request {
  method: string;
  url: string;
  /** The headers to sign (and send); empty values are not signed, as the spec says. */
  headers: Record<string, string>;
}

export interface BceV1Signed {
  authStringPrefix: string;
  canonicalRequest: string;
  /** Hex text: it is the HMAC key of the signature as text, not as the bytes it spells. */
  signingKey: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

/** "2015-04-27T08:23:49Z": bce-auth-v1 timestamps have no fraction. */
export function bceTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * bce-auth-v1: CanonicalRequest = METHOD \n UriEncodeExceptSlash(path) \n canonical query \n
 * canonical headers, where a header is `UriEncode(lower(name)):UriEncode(trim(value))`, the lines
 * sorted and joined by \n (no trailing newline, no signed-headers line, no body hash);
 * signingKey = hex(HMAC(SK, "bce-auth-v1/AK/timestamp/expiration")) and signature =
 * hex(HMAC(signingKey, CanonicalRequest)). `listSignedHeaders` false leaves the list empty in the
 * Authorization header, which the service reads as its default set (host, content-*, x-bce-*).
 */
export function signBceAuthV1(
  request: BceV1Request,
  credentials: V4Credentials,
  timestamp: string,
  expirationSeconds: number,
  listSignedHeaders = true,
): BceV1Signed {
  const url = new URL(request.url);
  const authStringPrefix = `bce-auth-v1/${credentials.accessKeyId}/${timestamp}/${expirationSeconds}`;
  const entries = Object.entries(request.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim()] as const)
    .filter(([, value]) => value !== '');
  const canonicalHeaderLines = entries.map(([name, value]) => `${percentEncode(name)}:${percentEncode(value)}`).sort();
  const signedHeaders = entries.map(([name]) => name).sort().join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPathOnce(url.pathname),
    canonicalQueryString(queryPairs(url.search).filter(([name]) => name.toLowerCase() !== 'authorization')),
    canonicalHeaderLines.join('\n'),
  ].join('\n');
  const signingKey = hmacHex('sha256', credentials.secretAccessKey, authStringPrefix);
  const signature = hmacHex('sha256', signingKey, canonicalRequest);
  const listed = listSignedHeaders ? signedHeaders : '';
  return { authStringPrefix, canonicalRequest, signingKey, signedHeaders, signature, authorization: `${authStringPrefix}/${listed}/${signature}` };
}
