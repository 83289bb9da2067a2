import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const cloudflareMetadata: ProviderMetadata = {
  type: 'cloudflare',
  title: 'Cloudflare',
  credentialKeys: ['api_token'],
  secretKeys: ['api_token'],
  zonePageSize: 50,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        api_token: z.string().check(z.minLength(1, 'must not be empty')),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        proxied: z.optional(z.boolean()),
        comment: z.optional(z.string().check(z.maxLength(500))),
      }));
  },
  // update() PATCHes by id with the new content only (the record keeps its ttl, proxied and comment).
  updatesByStateId: true,
  load: async () => (await import('./index.js')).createCloudflareProvider,
};
