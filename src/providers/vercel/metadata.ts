import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const vercelMetadata: ProviderMetadata = {
  type: 'vercel',
  title: 'Vercel DNS',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  zonePageSize: 100,
  // "Must be a number between 60 and 2147483647" (Vercel's create-record schema, WIRE.md). No published rate limit.
  ttlRange: { minimum: 60, maximum: 2_147_483_647 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        token: printableCredential,
        // Domains owned by a team are reached only with ?teamId=… on every request.
        team_id: z.optional(printableCredential),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  // update() PATCHes by id with the new address only (the ttl only when the config sets one).
  updatesByStateId: true,
  load: async () => (await import('./index.js')).createVercelProvider,
};
