import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

/** Printable ASCII without spaces or quotes: anything else could only be sent as a wrong signature. */
const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'));

export const aliesaMetadata: ProviderMetadata = {
  type: 'aliesa',
  title: 'Alibaba Cloud ESA (Edge Security Acceleration) DNS',
  credentialKeys: ['access_key_id', 'access_key_secret'],
  secretKeys: ['access_key_secret'],
  // Alibaba refuses a Timestamp more than 15 minutes from its clock (InvalidTimeStamp.Expired).
  clockToleranceSeconds: 900,
  zonePageSize: 500,
  // 1 is ESA's automatic TTL (WIRE.md; the 30-second floor is **unconfirmed**).
  ttlRange: { minimum: 30, special: [1] },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_key_id: credential,
        access_key_secret: credential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createAliesaProvider,
};
