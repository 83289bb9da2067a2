import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { OVH_REGIONS } from './regions.js';

/** How far the request time may be from OVHcloud's before it refuses the signature (WIRE.md: unpublished; ddns signs with the server's clock). */
export const CLOCK_TOLERANCE_SECONDS = 30;

export const ovhMetadata: ProviderMetadata = {
  type: 'ovh',
  title: 'OVHcloud',
  credentialKeys: ['application_key', 'application_secret', 'consumer_key'],
  secretKeys: ['application_secret', 'consumer_key'],
  clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  configSchema: z.strictObject({
    application_key: printableCredential,
    application_secret: printableCredential,
    consumer_key: printableCredential,
    region: z.optional(z.enum(OVH_REGIONS)),
  }),
  recordSchema: z.strictObject({}),
  load: async () => (await import('./index.js')).createOvhProvider,
};
