import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';

/** Printable ASCII without spaces or quotes: anything else could only be sent as a wrong signature. */
const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'));

export const baiducloudMetadata: ProviderMetadata = {
  type: 'baiducloud',
  title: 'Baidu AI Cloud DNS (百度智能云 DNS)',
  credentialKeys: ['access_key_id', 'secret_access_key'],
  // The key id travels with every signature; people keep the pair together, so both are masked.
  secretKeys: ['access_key_id', 'secret_access_key'],
  // ddns signs with an expiration of 1800 s: a request signed further off the server's clock is refused.
  clockToleranceSeconds: 1800,
  zonePageSize: 1000,
  configSchema: z.strictObject({
    access_key_id: credential,
    secret_access_key: credential,
  }),
  recordSchema: z.strictObject({
    line: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'))),
  }),
  load: async () => (await import('./index.js')).createBaiducloudProvider,
};
