import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const gcloudMetadata: ProviderMetadata = {
  type: 'gcloud',
  title: 'Google Cloud DNS',
  credentialKeys: ['key'],
  // The JSON key: written as key_file (its path) or key_env, like any secret, and masked everywhere.
  secretKeys: ['key'],
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        // Its JSON is read when the provider is built (a config error there names key_file, never the content).
        key: z.string().check(z.minLength(1, 'must not be empty')),
        // Google Cloud project ids: 6 to 30 lower-case letters, digits and hyphens (a domain-scoped one has "example.com:").
        project: z.optional(z.string().check(z.regex(/^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project ID (not its name or number)'))),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createGcloudProvider,
};
