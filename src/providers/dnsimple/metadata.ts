import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const dnsimpleMetadata: ProviderMetadata = {
  type: 'dnsimple',
  title: 'DNSimple',
  credentialKeys: ['api_token'],
  secretKeys: ['api_token'],
  zonePageSize: 100,
  ttlRange: { minimum: 60 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        api_token: printableCredential,
        account_id: z.optional(z.string().check(z.regex(/^[0-9]+$/, 'must be the numeric account id'))),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createDnsimpleProvider,
};
