import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const dnscomMetadata: ProviderMetadata = {
  type: 'dnscom',
  title: '51DNS (dns.com, 帝恩思)',
  credentialKeys: ['api_key', 'api_secret'],
  secretKeys: ['api_secret'],
  zonePageSize: 100,
  // The credentials: printable ASCII: both are signed byte for byte, so a pasted space could only be sent as a wrong hash.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ api_key: printableCredential, api_secret: printableCredential }));
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
