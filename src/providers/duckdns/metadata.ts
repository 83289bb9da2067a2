import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { querySecret } from '../url-keys.js';

export const duckdnsMetadata: ProviderMetadata = {
  type: 'duckdns',
  title: 'DuckDNS',
  credentialKeys: ['token'],
  domain: 'duckdns.org',
  secretKeys: ['token'],
  configSchema: z.strictObject({
    // It travels in the query string.
    token: querySecret(),
  }),
  recordSchema: z.strictObject({}),
  writeOnly: true,
  load: async () => (await import('./index.js')).createDuckdnsProvider,
};
