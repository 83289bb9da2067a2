import { deriveV4SigningKey, hasHeader, setHeader, signV4, type V4Scheme } from '../canonical-request.js';

/**
 * AWS Signature Version 4 (header form) for the requests ddns sends to Route 53: the shared V4
 * canonical-request signer (../canonical-request.ts) with AWS's data, plus the two things only
 * AWS adds (the Host header from the URL, and X-Amz-Security-Token for temporary credentials).
 * Checked byte for byte against the aws-sig-v4-test-suite vectors (test/unit/route53-sigv4.test.ts).
 */

export { canonicalHeaders, canonicalUri, queryPairs } from '../canonical-request.js';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export const AWS_SIGV4: V4Scheme = {
  algorithm: SIGV4_ALGORITHM,
  secretPrefix: 'AWS4',
  terminator: 'aws4_request',
  dateHeader: 'X-Amz-Date',
  pathEncoding: 'reencode',
};

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
  return deriveV4SigningKey(AWS_SIGV4, secretAccessKey, date, scope);
}

/**
 * Signs a request. The Host header signed is the URL's host (with its port when not the
 * default), which is what Node sends, so an `endpoint` override is signed for the host it
 * really reaches; the caller must send the returned headers unchanged.
 */
export function signRequest(request: SigV4Request, credentials: AwsCredentials, scope: SigV4Scope, now: Date): SignedRequest {
  const headers = { ...request.headers };
  if (!hasHeader(headers, 'host')) setHeader(headers, 'Host', new URL(request.url).host);
  if (credentials.sessionToken !== undefined && credentials.sessionToken !== '') {
    setHeader(headers, 'X-Amz-Security-Token', credentials.sessionToken);
  }
  return signV4({ ...request, headers }, credentials, AWS_SIGV4, scope, now);
}
