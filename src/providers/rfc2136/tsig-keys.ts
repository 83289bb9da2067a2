import type { HashAlgorithm } from '../signing.js';

// What the config validation needs to know about TSIG keys, apart from tsig.ts so that validating
// a config does not load the signing and DNS wire code (every run validates; few use rfc2136).

/** The `tsig_algorithm` values the config accepts, with their wire names and hashes. */
export const TSIG_ALGORITHMS = {
  'hmac-sha256': { wireName: 'hmac-sha256', hash: 'sha256' },
  'hmac-sha512': { wireName: 'hmac-sha512', hash: 'sha512' },
  'hmac-sha1': { wireName: 'hmac-sha1', hash: 'sha1' },
  'hmac-md5': { wireName: 'hmac-md5.sig-alg.reg.int', hash: 'md5' },
} as const satisfies Record<string, { wireName: string; hash: HashAlgorithm }>;

export type TsigAlgorithm = keyof typeof TSIG_ALGORITHMS;
export const TSIG_ALGORITHM_NAMES = Object.keys(TSIG_ALGORITHMS) as [TsigAlgorithm, ...TsigAlgorithm[]];

/**
 * True for base64 (RFC 4648 §4, the form `tsig-keygen` writes, or the URL-safe alphabet of §5,
 * which Node decodes to the same bytes), padding optional, whitespace ignored. Checked before use
 * because `Buffer.from(text, 'base64')` silently skips other characters, which would turn a
 * mistyped secret into a different key and a puzzling BADSIG.
 */
export function isBase64Secret(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return false;
  return compact.includes('=') ? compact.length % 4 === 0 : compact.length % 4 !== 1;
}
