import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const rainyunMetadata: ProviderMetadata = {
  type: 'rainyun',
  title: 'Rainyun (雨云)',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // It travels in a header: a pasted space or line break could only be sent as a wrong key.
        api_key: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        line: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'))),
      }));
  },
  load: async () => (await import('./index.js')).createRainyunProvider,
};
