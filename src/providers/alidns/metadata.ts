import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const alidnsMetadata: ProviderMetadata = {
  type: 'alidns',
  title: 'Alibaba Cloud DNS',
  credentialKeys: ['access_key_id', 'access_key_secret'],
  secretKeys: ['access_key_secret'],
  // The POP gateway refuses a Timestamp more than 15 minutes from its clock.
  clockToleranceSeconds: 900,
  // DescribeDomains pages of 100 (DOMAINS_PAGE_SIZE in client.ts).
  zonePageSize: 100,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_key_id: z.string().check(z.minLength(1, 'must not be empty')),
        access_key_secret: z.string().check(z.minLength(1, 'must not be empty')),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        // The resolution line (解析线路): "default", "telecom", "unicom", "mobile", "oversea", … or a
        // custom line's code. Only records on this line are read and written.
        line: z.optional(
          z
            .string()
            .check(
              z.minLength(1, 'must not be empty'),
              z.maxLength(64),
              z.regex(/^[A-Za-z0-9_.:-]+$/, 'must be a line code such as "default", "telecom", "unicom", "mobile" or "oversea"'),
            ),
        ),
      }));
  },
  load: async () => (await import('./index.js')).createAlidnsProvider,
};
