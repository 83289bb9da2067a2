import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

export const dnslaMetadata: ProviderMetadata = {
  type: 'dnsla',
  title: 'DNS.LA',
  credentialKeys: ['api_id', 'api_secret'],
  // The APIID travels with the secret in one Basic header; both are masked like secrets.
  secretKeys: ['api_id', 'api_secret'],
  zonePageSize: 100,
  // The credentials: printable ASCII without spaces: anything else could only travel as a wrong Basic credential.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // The APIID may hold ":"-free ASCII only: Basic authentication splits user and password at the first ":".
        api_id: printableCredential.check(z.refine((id) => !id.includes(':'), 'must not contain ":"')),
        api_secret: printableCredential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createDnslaProvider,
};
