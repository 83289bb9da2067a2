import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const bunnyMetadata: ProviderMetadata = {
  type: 'bunny',
  title: 'Bunny DNS',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  zonePageSize: 1000,
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
  load: async () => (await import('./index.js')).createBunnyProvider,
};
