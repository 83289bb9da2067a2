import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const spaceshipMetadata: ProviderMetadata = {
  type: 'spaceship',
  title: 'Spaceship',
  credentialKeys: ['api_key', 'api_secret'],
  secretKeys: ['api_key', 'api_secret'],
  zonePageSize: 100,
  // 300 requests per 300 seconds per domain.
  maxRequestsPerSecond: 1,
  ttlRange: { minimum: 60, maximum: 3600 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ api_key: printableCredential, api_secret: printableCredential }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createSpaceshipProvider,
};
