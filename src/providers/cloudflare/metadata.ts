import { z } from 'zod';
import type { ProviderMetadata } from '../types.js';

export const cloudflareMetadata: ProviderMetadata = {
  type: 'cloudflare',
  title: 'Cloudflare',
  secretKeys: ['api_token'],
  configSchema: z.strictObject({
    api_token: z.string().min(1, 'must not be empty'),
  }),
  recordSchema: z.strictObject({
    proxied: z.boolean().optional(),
    comment: z.string().max(500).optional(),
  }),
  load: async () => (await import('./index.js')).createCloudflareProvider,
};
