import * as z from 'zod/mini';
import { domainAndPassword } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';

export const dynadotMetadata: ProviderMetadata = {
  type: 'dynadot',
  title: 'Dynadot DDNS',
  // The domain's password travels in the query string.
  ...domainAndPassword(),
  recordSchema: z.strictObject({}),
  writeOnly: true,
  // The update carries the TTL.
  sendsTtl: true,
  load: async () => (await import('./index.js')).createDynadotProvider,
};
