import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const gandiMetadata: ProviderMetadata = {
  type: 'gandi',
  title: 'Gandi LiveDNS',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  zonePageSize: 100,
  // 1,000 requests per minute.
  maxRequestsPerSecond: 16,
  ttlRange: { minimum: 300, maximum: 2_592_000 },
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
  load: async () => (await import('./index.js')).createGandiProvider,
};
