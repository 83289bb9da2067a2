import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const porkbunMetadata: ProviderMetadata = {
  type: 'porkbun',
  title: 'Porkbun',
  credentialKeys: ['api_key', 'secret_api_key'],
  // Both keys travel in every request body; both are masked like secrets.
  secretKeys: ['api_key', 'secret_api_key'],
  zonePageSize: 1000,
  // Not in the documentation; Porkbun support told users one request a second per key (WIRE.md).
  maxRequestsPerSecond: 1,
  ttlRange: { minimum: 600 },
  // The credentials: printable ASCII without spaces: a pasted line break would travel inside the JSON body and be refused as a wrong key.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        api_key: printableCredential,
        secret_api_key: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createPorkbunProvider,
};
