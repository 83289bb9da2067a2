import { hmac, hmacHex, sha256Hex } from '../signing.js';

/**
 * Tencent Cloud API 3.0's TC3-HMAC-SHA256 signature (cloud.tencent.com/document/api/213/30654,
 * "签名方法 v3"). Nothing here is specific to DNSPod: every API 3.0 product (EdgeOne, CVM, …)
 * signs the same way with its own service name, which is part of the credential scope.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Request {
  /** GET or POST. */
  method: string;
  /** The query string exactly as sent after "?" (always "" for POST). */
  query: string;
  /** The headers to sign, by name (any case); content-type and host are required by the API. */
  headers: Record<string, string>;
  /** The exact body bytes sent ("" for GET). */
  payload: string | Buffer;
  /** Product service name, e.g. "dnspod" or "cvm". */
  service: string;
  /** Unix seconds, the value of X-TC-Timestamp. */
  timestamp: number;
}

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

/** Every intermediate of the signature, so tests can compare each with the documented examples. */
export interface Tc3Signature {
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  /** "YYYY-MM-DD/<service>/tc3_request". */
  credentialScope: string;
  stringToSign: string;
  signedHeaders: string;
  /** SecretSigning = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request"). */
  signingKey: Buffer;
  signature: string;
  /** The whole Authorization header value. */
  authorization: string;
}

/** The UTC calendar date of a Unix timestamp, as the credential scope needs it (YYYY-MM-DD). */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/**
 * Signs one request. The doc's rules: CanonicalURI is always "/"; canonical headers are
 * `key:value\n` with key and value lower-cased and trimmed, sorted by key (which is why its
 * example shows `x-tc-action:describeinstances`); the payload hash is over the exact body bytes;
 * the date is the UTC date of the timestamp (00:30 in Beijing is still the previous UTC day).
 */
export function signTc3(request: Tc3Request, credentials: Tc3Credentials): Tc3Signature {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    '/',
    request.query,
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.payload),
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const date = tc3Date(request.timestamp);
  const credentialScope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(request.timestamp), credentialScope, hashedCanonicalRequest].join('\n');
  const secretDate = hmac('sha256', `TC3${credentials.secretKey}`, date);
  const secretService = hmac('sha256', secretDate, request.service);
  const signingKey = hmac('sha256', secretService, 'tc3_request');
  const signature = hmacHex('sha256', signingKey, stringToSign);
  const authorization = `${TC3_ALGORITHM} Credential=${credentials.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, hashedCanonicalRequest, credentialScope, stringToSign, signedHeaders, signingKey, signature, authorization };
}
