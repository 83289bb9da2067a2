import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

/** The server's webserver base URL: http(s)://host:port, optionally ending in /api/v1; no user, query or fragment. */
const serverUrl = z.string().check(z.refine((value) => /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/.test(value), 'must be the PowerDNS webserver URL, such as "http://127.0.0.1:8081"'));

export const powerdnsMetadata: ProviderMetadata = {
  type: 'powerdns',
  title: 'PowerDNS Authoritative (HTTP API)',
  credentialKeys: ['server', 'api_key'],
  secretKeys: ['api_key'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // The server is the user's own: there is no default address to fall back on.
        server: serverUrl,
        api_key: printableCredential,
        server_id: z._default(z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'must be a server id such as "localhost"')), 'localhost'),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createPowerdnsProvider,
};
