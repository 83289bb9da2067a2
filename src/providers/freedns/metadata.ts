import * as z from 'zod/mini';
import { querySecret } from '../url-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const freednsMetadata: ProviderMetadata = {
  type: 'freedns',
  title: 'FreeDNS (afraid.org)',
  credentialKeys: ['token', 'ipv6_token'],
  secretKeys: ['token', 'ipv6_token'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z
        .strictObject({
          // The update tokens of the host's A and AAAA entries; they travel in the query string.
          token: z.optional(querySecret()),
          ipv6_token: z.optional(querySecret()),
        })
        .check(
          z.superRefine((options, context) => {
            if (options.token === undefined && options.ipv6_token === undefined) {
              context.addIssue({ code: 'custom', path: [], message: 'set token (the A entry\'s update token) or ipv6_token (the AAAA entry\'s), or both' });
            }
          }),
        ));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createFreednsProvider,
};
