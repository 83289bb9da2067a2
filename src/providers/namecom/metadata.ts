import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

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
  // The credentials: printable ASCII without spaces: anything else could only travel as a wrong Basic credential.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        username: printableCredential.check(z.refine((name) => !name.includes(':'), 'must not contain ":"')),
        token: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createNamecomProvider,
};
