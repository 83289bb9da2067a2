import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

/** Printable ASCII: both are signed byte for byte, so a pasted space could only be sent as a wrong hash. */
const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

export const dnscomMetadata: ProviderMetadata = {
  type: 'dnscom',
  title: '51DNS (dns.com, 帝恩思)',
  credentialKeys: ['api_key', 'api_secret'],
  secretKeys: ['api_secret'],
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ api_key: credential, api_secret: credential }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        // The view (line) id the record is on, as 51DNS numbers them (its "get domain lines" call lists a domain's).
        line: z.optional(z.string().check(z.regex(/^\d{1,12}$/, 'must be the numeric view (line) id, e.g. "0" for the default line'))),
      }));
  },
  load: async () => (await import('./index.js')).createDnscomProvider,
};
