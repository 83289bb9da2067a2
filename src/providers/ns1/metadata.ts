import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const ns1Metadata: ProviderMetadata = {
  type: 'ns1',
  title: 'NS1 (IBM NS1 Connect)',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  zonePageSize: 2500,
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
  load: async () => (await import('./index.js')).createNs1Provider,
};
