import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';

/** The line (split-horizon view) a record is kept on when the config names none. */
export const DEFAULT_LINE = '默认';

/**
 * A SecretId / SecretKey is printable ASCII without spaces. Anything else (a pasted space, a
 * quote, a line break) could only be sent as a wrong signature, so it is a config error named on
 * its line instead of an AuthFailure after the first request.
 */
const credential = z.string().check(
  z.minLength(1, 'must not be empty'),
  // Printable ASCII except space and the quotes " and '.
  z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'),
);

export const dnspodMetadata: ProviderMetadata = {
  type: 'dnspod',
  title: 'Tencent Cloud DNSPod',
  credentialKeys: ['secret_id', 'secret_key'],
  // Tencent Cloud API limit for the DNSPod actions ddns calls: 20 requests per second.
  maxRequestsPerSecond: 20,
  // The SecretId is an identifier rather than a password, but people keep the pair together
  // (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY): both accept _env and _file, and both are
  // masked in every output.
  secretKeys: ['secret_id', 'secret_key'],
  // A TC3 signature's X-TC-Timestamp must be within 5 minutes of Tencent Cloud's clock.
  clockToleranceSeconds: 300,
  // DescribeDomainList pages of 3000 (DOMAIN_PAGE_SIZE in index.ts).
  zonePageSize: 3000,
  configSchema: z.strictObject({
    secret_id: credential,
    secret_key: credential,
  }),
  recordSchema: z.strictObject({
    line: z.optional(
      z
        .string()
        .check(z.minLength(1, 'must not be empty'), z.maxLength(64), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')),
    ),
  }),
  load: async () => (await import('./index.js')).createDnspodProvider,
};
