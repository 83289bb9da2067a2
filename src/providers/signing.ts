import { createHash, createHmac, type BinaryLike } from 'node:crypto';

/**
 * The primitives every request signer shares (Alibaba Cloud RPC, Tencent Cloud TC3, Huawei
 * SDK-HMAC, AWS SigV4): keyed hashes, hex digests and RFC 3986 percent-encoding of canonical
 * query strings. Each signer builds its own canonical request from these.
 */
export type HashAlgorithm = 'sha1' | 'sha256' | 'sha512' | 'md5';

export function hmac(algorithm: HashAlgorithm, key: BinaryLike, data: BinaryLike): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

export function hmacHex(algorithm: HashAlgorithm, key: BinaryLike, data: BinaryLike): string {
  return hmac(algorithm, key, data).toString('hex');
}

export function hashHex(algorithm: HashAlgorithm, data: BinaryLike): string {
  return createHash(algorithm).update(data).digest('hex');
}

export function sha256Hex(data: BinaryLike): string {
  return hashHex('sha256', data);
}

/**
 * RFC 3986 percent-encoding: everything but unreserved characters (A–Z a–z 0–9 - _ . ~) as %XX
 * with upper-case hex. encodeURIComponent leaves !'()* alone, which every signer must encode.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `k1=v1&k2=v2` with keys and values percent-encoded, sorted by encoded key then value
 * (byte order, as the signing specs require; not locale order).
 */
export function canonicalQueryString(
  params: Iterable<readonly [string, string]> | Record<string, string>,
  encode: (value: string) => string = percentEncode,
): string {
  const entries = Symbol.iterator in Object(params) ? [...(params as Iterable<readonly [string, string]>)] : Object.entries(params);
  return entries
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([keyA, valueA], [keyB, valueB]) => (keyA < keyB ? -1 : keyA > keyB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** UTC timestamp pieces in the formats signers use: 20150830T123600Z and 20150830. */
export function amzDate(date: Date): { dateTime: string; date: string } {
  const dateTime = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { dateTime, date: dateTime.slice(0, 8) };
}
