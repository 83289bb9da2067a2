import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const duckdnsMetadata: ProviderMetadata = {
  type: 'duckdns',
  title: 'DuckDNS',
  credentialKeys: ['token'],
  domain: 'duckdns.org',
  secretKeys: ['token'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        token: z.string().check(
          z.minLength(1, 'must not be empty'),
          // It travels in the query string: a pasted space or line break would silently become part of it.
          z.refine((token) => /^[^\s\u0000-\u001f\u007f]+$/.test(token), 'must not contain spaces, line breaks or control characters'),
        ),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createDuckdnsProvider,
};
