import { canonicalQueryString, hmac, percentEncode } from './signing.js';

/**
 * Alibaba Cloud's RPC signature V1 (called "V2" in Alibaba's newer SDK docs): HMAC-SHA1 over
 *   HTTPMethod & percentEncode("/") & percentEncode(CanonicalizedQueryString)
 * with the key AccessKeySecret + "&". Nothing here is specific to Alibaba Cloud DNS: every RPC-style
 * product (ESA, ECS, …) signs the same way with its own Action and Version. The host and path are
 * not part of the string to sign, so the same signature is valid whatever endpoint it is sent to.
 */

export type RpcMethod = 'GET' | 'POST';

export interface RpcCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

/** One call of an RPC action, before the common parameters are added. */
export interface RpcCall {
  action: string;
  /** The product's API version, e.g. "2015-01-09" for Alibaba Cloud DNS. */
  version: string;
  params: Readonly<Record<string, string>>;
  /** Unique per request: a retried request is a new request, with a new nonce. */
  nonce: string;
  timestamp: Date;
}

/**
 * The canonicalized query string: every parameter except Signature, names and values
 * percent-encoded (RFC 3986: space → %20, `*` → %2A, `~` kept), sorted by name, joined with `&`.
 */
export function rpcCanonicalQuery(params: Readonly<Record<string, string>>): string {
  const unsigned = Object.entries(params).filter(([name]) => name !== 'Signature');
  return canonicalQueryString(unsigned);
}

export function rpcStringToSign(method: RpcMethod, canonicalQuery: string): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery)}`;
}

/** Base64 of HMAC-SHA1 keyed with `AccessKeySecret + "&"` (the `&` is part of the key). */
export function rpcSignature(stringToSign: string, accessKeySecret: string): string {
  return hmac('sha1', `${accessKeySecret}&`, stringToSign).toString('base64');
}

export interface SignedRpcRequest {
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
  /** What goes on the wire (query string or form body): the canonical query plus `&Signature=…`. */
  signedQuery: string;
}

export function signRpcRequest(method: RpcMethod, params: Readonly<Record<string, string>>, accessKeySecret: string): SignedRpcRequest {
  const canonicalQuery = rpcCanonicalQuery(params);
  const stringToSign = rpcStringToSign(method, canonicalQuery);
  const signature = rpcSignature(stringToSign, accessKeySecret);
  return { canonicalQuery, stringToSign, signature, signedQuery: `${canonicalQuery}&Signature=${percentEncode(signature)}` };
}

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, the only Timestamp form the API accepts. */
export function rpcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The action's parameters with the common ones of a V1-signed JSON call, signed: the query string or form body to send. */
export function signedRpcQuery(method: RpcMethod, call: RpcCall, credentials: RpcCredentials): string {
  const params: Record<string, string> = {
    ...call.params,
    Action: call.action,
    Version: call.version,
    Format: 'JSON',
    AccessKeyId: credentials.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: call.nonce,
    Timestamp: rpcTimestamp(call.timestamp),
  };
  return signRpcRequest(method, params, credentials.accessKeySecret).signedQuery;
}
