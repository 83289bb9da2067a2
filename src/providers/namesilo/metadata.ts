import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
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
        api_key: z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters')),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createNamesiloProvider,
};
