import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SeenRequest } from './fake-server.js';

/**
 * The fakes' own verifiers of the signatures the clients send (V4 family: Volcengine, JD Cloud;
 * Baidu's bce-auth-v1), written from the services' documents without any code of
 * src/providers/: a bug in the client's signer cannot be mirrored here, so the fakes refuse it.
 */

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmacOf = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986: only A–Z a–z 0–9 - _ . ~ stay as they are. */
function rfc3986(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function sortedQuery(query: URLSearchParams, skip: (name: string) => boolean = () => false): string {
  return [...query.entries()]
    .filter(([name]) => !skip(name))
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join('&');
}

function headerValue(request: SeenRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface V4Expectation {
  algorithm: string;
  keyPrefix: string;
  terminator: string;
  dateHeader: string;
  region: string;
  service: string;
  /** The headers the service requires among the signed ones. */
  requiredSigned: readonly string[];
  secretOf(accessKeyId: string): string | undefined;
}

export type V4Verdict = { ok: true; accessKeyId: string; date: string } | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'mismatch' | 'scope' };

/** Checks an `ALG Credential=AK/date/region/service/terminator, SignedHeaders=…, Signature=…` header. */
export function verifyV4(request: SeenRequest, expected: V4Expectation): V4Verdict {
  const authorization = headerValue(request, 'authorization');
  if (authorization === undefined) return { ok: false, reason: 'missing' };
  const match = new RegExp(`^${expected.algorithm} Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/([^,]+), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$`).exec(authorization);
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, accessKeyId = '', date = '', region, service, terminator, signedList = '', signature = ''] = match;
  if (region !== expected.region || service !== expected.service || terminator !== expected.terminator) return { ok: false, reason: 'scope' };
  const signed = signedList.split(';');
  if (expected.requiredSigned.some((name) => !signed.includes(name))) return { ok: false, reason: 'malformed' };
  const secret = expected.secretOf(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  const dateTime = headerValue(request, expected.dateHeader) ?? '';
  if (dateTime.slice(0, 8) !== date) return { ok: false, reason: 'mismatch' };
  const canonicalHeaders = signed.map((name) => `${name}:${(headerValue(request, name) ?? '').trim()}\n`).join('');
  const path = request.path.split('/').map((segment) => rfc3986(decodeURIComponent(segment))).join('/');
  const canonical = [request.method, path === '' ? '/' : path, sortedQuery(request.query), canonicalHeaders, signedList, sha256(request.body)].join('\n');
  const toSign = [expected.algorithm, dateTime, `${date}/${region}/${service}/${terminator}`, sha256(canonical)].join('\n');
  let key = hmacOf(`${expected.keyPrefix}${secret}`, date);
  for (const part of [expected.region, expected.service, expected.terminator]) key = hmacOf(key, part);
  const computed = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return sameText(computed, signature) ? { ok: true, accessKeyId, date: dateTime } : { ok: false, reason: 'mismatch' };
}

/** A yyyymmddThhmmssZ time, or an ISO one, as epoch milliseconds (NaN when neither). */
export function signingTimeMs(text: string): number {
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (compact !== null) return Date.parse(`${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z`);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text) ? Date.parse(text) : Number.NaN;
}

export type BceVerdict = { ok: true; timestamp: string; expiration: number } | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'mismatch' };

/** Checks a `bce-auth-v1/AK/timestamp/expiration/signedHeaders/signature` header (cloud.baidu.com/doc/Reference/s/njwvz1yfu). */
export function verifyBceV1(request: SeenRequest, secretOf: (accessKeyId: string) => string | undefined): BceVerdict {
  const authorization = headerValue(request, 'authorization');
  if (authorization === undefined) return { ok: false, reason: 'missing' };
  const parts = authorization.split('/');
  if (parts.length !== 6 || parts[0] !== 'bce-auth-v1') return { ok: false, reason: 'malformed' };
  const [, accessKeyId = '', timestamp = '', expiration = '', signedList = '', signature = ''] = parts;
  if (!/^\d+$/.test(expiration) || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  const names = signedList === '' ? Object.keys(request.headers).filter((name) => ['host', 'content-length', 'content-type', 'content-md5'].includes(name) || name.startsWith('x-bce-')) : signedList.split(';');
  const lines = names
    .map((name) => [name, (headerValue(request, name) ?? '').trim()] as const)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${rfc3986(name)}:${rfc3986(value)}`)
    .sort();
  const path = request.path.split('/').map((segment) => rfc3986(decodeURIComponent(segment))).join('/');
  const canonical = [request.method, path, sortedQuery(request.query, (name) => name.toLowerCase() === 'authorization'), lines.join('\n')].join('\n');
  const prefix = `bce-auth-v1/${accessKeyId}/${timestamp}/${expiration}`;
  const signingKey = createHmac('sha256', secret).update(prefix, 'utf8').digest('hex');
  const computed = createHmac('sha256', signingKey).update(canonical, 'utf8').digest('hex');
  return sameText(computed, signature) ? { ok: true, timestamp, expiration: Number(expiration) } : { ok: false, reason: 'mismatch' };
}
