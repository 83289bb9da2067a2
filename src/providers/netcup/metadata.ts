import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const netcupMetadata: ProviderMetadata = {
  type: 'netcup',
  title: 'netcup',
  credentialKeys: ['customer_number', 'api_key', 'api_password'],
  secretKeys: ['api_key', 'api_password'],
  // "More than 180 requests per minute" is netcup's own refusal (WIRE.md).
  maxRequestsPerSecond: 3,
  // The credentials: printable ASCII without spaces: netcup's keys are generated so, and a pasted line break would only be refused.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // The CCP shows it as a number; TOML users write it either way.
        customer_number: z.union([z.string().check(z.regex(/^\d{1,12}$/, 'must be the customer number (digits only)')), z.int().check(z.positive())]),
        api_key: printableCredential,
        api_password: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createNetcupProvider,
};
