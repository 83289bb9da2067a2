import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';

export const cloudflareMetadata: ProviderMetadata = {
  type: 'cloudflare',
  title: 'Cloudflare',
  credentialKeys: ['api_token'],
  secretKeys: ['api_token'],
  zonePageSize: 50,
  configSchema: z.strictObject({
    api_token: z.string().check(z.minLength(1, 'must not be empty')),
  }),
  recordSchema: z.strictObject({
    proxied: z.optional(z.boolean()),
    comment: z.optional(z.string().check(z.maxLength(500))),
  }),
  load: async () => (await import('./index.js')).createCloudflareProvider,
};
