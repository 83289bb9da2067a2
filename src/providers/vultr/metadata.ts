import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const vultrMetadata: ProviderMetadata = {
  type: 'vultr',
  title: 'Vultr',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  zonePageSize: 500,
  // Vultr API v2: 30 requests per second per API key.
  maxRequestsPerSecond: 30,
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
  load: async () => (await import('./index.js')).createVultrProvider,
};
