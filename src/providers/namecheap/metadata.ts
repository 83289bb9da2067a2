import * as z from 'zod/mini';
import { domainAndPassword, domainAndPasswordSchema } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const namecheapMetadata: ProviderMetadata = {
  type: 'namecheap',
  title: 'Namecheap Dynamic DNS',
  // The domain's password travels in the query string.
  ...domainAndPassword(),
  get configSchema() {
    return lazyProperty(this, 'configSchema', () => domainAndPasswordSchema());
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  // "It is only possible to dynamically update IPv4 addresses (A records)."
  recordTypes: ['A'],
  load: async () => (await import('./index.js')).createNamecheapProvider,
};
