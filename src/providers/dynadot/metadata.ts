import * as z from 'zod/mini';
import { domainAndPassword, domainAndPasswordSchema } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const dynadotMetadata: ProviderMetadata = {
  type: 'dynadot',
  title: 'Dynadot DDNS',
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
  // The update carries the TTL.
  sendsTtl: true,
  load: async () => (await import('./index.js')).createDynadotProvider,
};
