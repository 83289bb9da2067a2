import * as z from 'zod/mini';
import { domainAndPassword } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';

export const namecheapMetadata: ProviderMetadata = {
  type: 'namecheap',
  title: 'Namecheap Dynamic DNS',
  // The domain's password travels in the query string.
  ...domainAndPassword(),
  recordSchema: z.strictObject({}),
  writeOnly: true,
  // "It is only possible to dynamically update IPv4 addresses (A records)."
  recordTypes: ['A'],
  load: async () => (await import('./index.js')).createNamecheapProvider,
};
