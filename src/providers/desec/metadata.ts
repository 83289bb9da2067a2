import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const desecMetadata: ProviderMetadata = {
  type: 'desec',
  title: 'deSEC',
  credentialKeys: ['token'],
  secretKeys: ['token'],
  // Reads are limited to 50 per minute per account, RRset writes to 15 per minute per domain (and
  // 2/s, 100/h, 300/day): one request every 2 s keeps a run of find-then-write pairs under both (WIRE.md).
  maxRequestsPerSecond: 0.5,
  // The smallest ttl any deSEC domain accepts (dedyn.io names); most domains' own minimum_ttl is 3600,
  // which the provider raises a lower ttl to, with a warning. 86400 at most (WIRE.md).
  ttlRange: { minimum: 60, maximum: 86_400 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        token: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createDesecProvider,
};
