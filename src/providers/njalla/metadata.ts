import * as z from 'zod/mini';
import { oneQuerySecret } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';

export const njallaMetadata: ProviderMetadata = {
  type: 'njalla',
  title: 'Njalla dynamic DNS',
  // The key travels in the query string.
  ...oneQuerySecret('key'),
  recordSchema: z.strictObject({}),
  writeOnly: true,
  load: async () => (await import('./index.js')).createNjallaProvider,
};
