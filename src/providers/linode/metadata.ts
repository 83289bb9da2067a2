import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const linodeMetadata: ProviderMetadata = {
  type: 'linode',
  title: 'Linode (Akamai Cloud)',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  zonePageSize: 500,
  // Linode keeps ttl_sec in a fixed set (30 … 2,419,200 seconds) and rounds any other value (WIRE.md).
  ttlRange: { minimum: 30, maximum: 2_419_200 },
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
  load: async () => (await import('./index.js')).createLinodeProvider,
};
