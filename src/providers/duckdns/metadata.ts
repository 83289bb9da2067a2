import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';
import { querySecret } from '../url-keys.js';

export const duckdnsMetadata: ProviderMetadata = {
  type: 'duckdns',
  title: 'DuckDNS',
  credentialKeys: ['token'],
  domain: 'duckdns.org',
  secretKeys: ['token'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // It travels in the query string.
        token: querySecret(),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () => z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createDuckdnsProvider,
};
