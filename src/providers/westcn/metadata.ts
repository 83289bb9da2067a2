import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const westcnMetadata: ProviderMetadata = {
  type: 'westcn',
  title: 'West.cn (西部数码) / 35.com',
  credentialKeys: ['username', 'api_password', 'domain', 'domain_key'],
  secretKeys: ['api_password', 'domain_key'],
  // West.cn's API documentation: 60–86400 seconds.
  ttlRange: { minimum: 60, maximum: 86_400 },
  // The credentials: printable ASCII: the form is sent in GBK, which ddns encodes for ASCII only.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z
        .strictObject({
          username: z.optional(printableCredential),
          api_password: z.optional(printableCredential),
          domain: z.optional(printableCredential.check(z.regex(/^[A-Za-z0-9.-]+\.?$/, 'must be a domain name in ASCII (punycode for an internationalised one)'))),
          domain_key: z.optional(printableCredential.check(z.regex(/^[0-9A-Fa-f]{32}$/, 'must be the 32 hex digits the console shows as the domain\'s apikey'))),
        })
        .check(
          z.refine((table) => (table.username !== undefined && table.api_password !== undefined) !== (table.domain !== undefined && table.domain_key !== undefined), {
            message: 'set either username and api_password (account) or domain and domain_key (one domain), not both and not one of a pair',
          }),
        ));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        line: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_]{0,32}$/, 'must be a line code such as "LTEL", "LCNC", "LMOB", "LEDU", "LSEO" or "LFOR" ("" is the default line)'))),
      }));
  },
  load: async () => (await import('./index.js')).createWestcnProvider,
};
