import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

/** Printable ASCII without spaces or quotes: anything else could only be sent as a wrong signature. */
const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21\x23-\x26\x28-\x7e]+$/, 'must not contain spaces, line breaks, quotes or non-ASCII characters'));

export const edgeoneMetadata: ProviderMetadata = {
  type: 'edgeone',
  title: 'Tencent Cloud EdgeOne DNS',
  credentialKeys: ['secret_id', 'secret_key'],
  secretKeys: ['secret_key'],
  // A TC3 signature more than 5 minutes from the server clock is refused (AuthFailure.SignatureExpire).
  clockToleranceSeconds: 300,
  zonePageSize: 100,
  ttlRange: { minimum: 60, maximum: 86_400 },
  // Each EdgeOne API takes at most 20 requests per second (its API reference, e.g. CreateDnsRecord).
  maxRequestsPerSecond: 20,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        secret_id: credential,
        secret_key: credential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createEdgeoneProvider,
};
