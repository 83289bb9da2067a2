import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

/** API (sub-)user ids are numbers; TOML may write them as either. */
const userId = z.union([z.string().check(z.regex(/^\d+$/, 'must be the numeric id')), z.number().check(z.int(), z.positive())]);

const ID_KEYS = ['auth_id', 'sub_auth_id', 'sub_auth_user'] as const;

export const cloudnsMetadata: ProviderMetadata = {
  type: 'cloudns',
  title: 'ClouDNS',
  credentialKeys: ['auth_id', 'auth_password'],
  secretKeys: ['auth_password'],
  zonePageSize: 100,
  // 20 requests a second, 600 a minute and 36,000 an hour per IP: 10 a second keeps under all three.
  maxRequestsPerSecond: 10,
  // ClouDNS accepts only a fixed set from 60 to 2,592,000 seconds; ddns rounds up to the next (index.ts).
  ttlRange: { minimum: 60, maximum: 2_592_000 },
  // The credentials: printable ASCII without spaces: the values travel as form parameters, where a pasted line break would become part of them.
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z
        .strictObject({
          auth_id: z.optional(userId),
          sub_auth_id: z.optional(userId),
          sub_auth_user: z.optional(printableCredential),
          auth_password: printableCredential,
        })
        .check(
          z.superRefine(
            (options, context) => {
              const set = ID_KEYS.filter((key) => options[key] !== undefined);
              if (set.length !== 1) {
                context.addIssue({
                  code: 'custom',
                  path: [],
                  message: set.length === 0 ? 'set auth_id (an API user) or sub_auth_id / sub_auth_user (an API sub-user)' : `set only one of ${set.join(', ')}`,
                });
              }
            },
            { when: () => true },
          ),
        ));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createCloudnsProvider,
};
