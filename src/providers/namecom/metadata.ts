import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

/** Printable ASCII without spaces: anything else could only travel as a wrong Basic credential. */
const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

export const namecomMetadata: ProviderMetadata = {
  type: 'namecom',
  title: 'Name.com',
  credentialKeys: ['username', 'token'],
  // The username travels with the token in one Basic header; both are masked like secrets.
  secretKeys: ['username', 'token'],
  zonePageSize: 1000,
  // 20 requests per second (and 3,000 per hour).
  maxRequestsPerSecond: 20,
  ttlRange: { minimum: 300 },
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        username: credential.check(z.refine((name) => !name.includes(':'), 'must not contain ":"')),
        token: credential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createNamecomProvider,
};
