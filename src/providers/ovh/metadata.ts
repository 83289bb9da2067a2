import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';
import { printableCredential } from '../credential-schema.js';
import { OVH_REGIONS } from './regions.js';

export const ovhMetadata: ProviderMetadata = {
  type: 'ovh',
  title: 'OVHcloud',
  credentialKeys: ['application_key', 'application_secret', 'consumer_key'],
  secretKeys: ['application_secret', 'consumer_key'],
  // No clockToleranceSeconds: ddns signs with OVHcloud's own time (GET /auth/time), so this machine's clock does not matter.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        application_key: printableCredential,
        application_secret: printableCredential,
        consumer_key: printableCredential,
        region: z.optional(z.enum(OVH_REGIONS)),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createOvhProvider,
};
