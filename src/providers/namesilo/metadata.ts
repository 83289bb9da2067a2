import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const namesiloMetadata: ProviderMetadata = {
  type: 'namesilo',
  title: 'NameSilo',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  // NameSilo refuses a ttl under 3600 seconds.
  ttlRange: { minimum: 3600, maximum: 2_592_001 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        api_key: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createNamesiloProvider,
};
