import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const hetznerMetadata: ProviderMetadata = {
  type: 'hetzner',
  title: 'Hetzner DNS (Cloud API)',
  credentialKeys: ['api_token'],
  secretKeys: ['api_token'],
  zonePageSize: 50,
  // Published limit: 3600 requests per hour per project, refilled one per second.
  maxRequestsPerSecond: 1,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        api_token: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createHetznerProvider,
};
