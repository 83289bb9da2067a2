import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';
import { credentialWithoutColon, printableCredential } from '../credential-schema.js';

export const domeneshopMetadata: ProviderMetadata = {
  type: 'domeneshop',
  title: 'Domeneshop',
  credentialKeys: ['token', 'secret'],
  // The token travels with the secret in one Basic header; both are masked like secrets.
  secretKeys: ['token', 'secret'],
  ttlRange: { minimum: 60, maximum: 604_800 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        token: credentialWithoutColon,
        secret: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createDomeneshopProvider,
};
