import * as z from 'zod/mini';
import { oneQuerySecret, oneQuerySecretSchema } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const njallaMetadata: ProviderMetadata = {
  type: 'njalla',
  title: 'Njalla dynamic DNS',
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
  load: async () => (await import('./index.js')).createNjallaProvider,
};
