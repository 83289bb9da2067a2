import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';

export const dynv6Metadata: ProviderMetadata = {
  type: 'dynv6',
  title: 'dynv6',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  // dynv6 publishes no rate limit and its records carry no ttl (WIRE.md).
  configSchema: z.strictObject({
    token: z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters')),
  }),
  recordSchema: z.strictObject({}),
  load: async () => (await import('./index.js')).createDynv6Provider,
};
