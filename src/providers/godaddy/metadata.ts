import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';
import { credentialWithoutColon, printableCredential } from '../credential-schema.js';

export const godaddyMetadata: ProviderMetadata = {
  type: 'godaddy',
  title: 'GoDaddy',
  credentialKeys: ['api_key', 'api_secret'],
  // The key travels with the secret in one sso-key header; both are masked like secrets.
  secretKeys: ['api_key', 'api_secret'],
  zonePageSize: 1000,
  // 60 requests per minute per endpoint (GoDaddy API Terms of Use).
  maxRequestsPerSecond: 1,
  ttlRange: { minimum: 600 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // "sso-key KEY:SECRET" splits at the first ":".
        api_key: credentialWithoutColon,
        api_secret: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createGodaddyProvider,
};
