import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const digitaloceanMetadata: ProviderMetadata = {
  type: 'digitalocean',
  title: 'DigitalOcean',
  credentialKeys: ['api_token'],
  secretKeys: ['api_token'],
  zonePageSize: 200,
  // 250 requests per minute (and 5,000 per hour) per token.
  maxRequestsPerSecond: 4,
  ttlRange: { minimum: 30 },
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
  load: async () => (await import('./index.js')).createDigitaloceanProvider,
};
