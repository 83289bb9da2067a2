import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const dynv6Metadata: ProviderMetadata = {
  type: 'dynv6',
  title: 'dynv6',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  // dynv6 publishes no rate limit and its records carry no ttl (WIRE.md).
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        token: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createDynv6Provider,
};
