import * as z from 'zod/mini';
import { oneQuerySecret, oneQuerySecretSchema } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const ddnssMetadata: ProviderMetadata = {
  type: 'ddnss',
  title: 'DDNSS (ddnss.de)',
  // The key travels in the query string.
  ...oneQuerySecret('key'),
  get configSchema() {
    return lazyProperty(this, 'configSchema', () => oneQuerySecretSchema('key'));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createDdnssProvider,
};
