import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const scalewayMetadata: ProviderMetadata = {
  type: 'scaleway',
  title: 'Scaleway',
  credentialKeys: ['secret_key'],
  secretKeys: ['secret_key'],
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        secret_key: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createScalewayProvider,
};
