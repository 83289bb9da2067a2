import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const ionosMetadata: ProviderMetadata = {
  type: 'ionos',
  title: 'IONOS',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  // The credentials: "<public prefix>.<secret>", as the IONOS developer console shows the key: printable ASCII, sent as a header.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ api_key: printableCredential }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createIonosProvider,
};
