import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { CLOCK_TOLERANCE_SECONDS, ZONES_PER_PAGE } from './limits.js';
import { lazyProperty } from '../lazy.js';

export { CLOCK_TOLERANCE_SECONDS, ZONES_PER_PAGE };

/** A hosted zone id as the console shows it (Z0123456789ABCDEFGHIJ), or as the API returns it (/hostedzone/Z…). */
const HOSTED_ZONE_ID = /^(\/hostedzone\/)?[A-Za-z0-9]{1,32}$/;

export const route53Metadata: ProviderMetadata = {
  type: 'route53',
  title: 'Amazon Route 53',
  credentialKeys: ['access_key_id', 'secret_access_key'],
  // Route 53's API allows 5 requests per second per account; more are refused with Throttling.
  maxRequestsPerSecond: 5,
  clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  zonePageSize: ZONES_PER_PAGE,
  // access_key_id is not a secret to AWS, but listing it here lets it come from
  // access_key_id_env = "AWS_ACCESS_KEY_ID" like the secret key, and keeps it out of logs.
  secretKeys: ['access_key_id', 'secret_access_key', 'session_token'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_key_id: z.string().check(z.regex(/^\w{16,128}$/, 'must be an AWS access key ID such as AKIAIOSFODNN7EXAMPLE (16–128 letters and digits)')),
        // Only its shape is checked: a pasted key with a space or line break would only fail later as a wrong signature.
        secret_access_key: z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^\S+$/, 'must not contain spaces or line breaks')),
        session_token: z.optional(z.string().check(z.regex(/^\S+$/, 'must not contain spaces or line breaks'))),
        hosted_zone_id: z.optional(
          z.pipe(
            z.string().check(z.regex(HOSTED_ZONE_ID, 'must be a hosted zone id such as Z0123456789ABCDEFGHIJ')),
            z.transform((id) => id.replace(/^\/hostedzone\//, '')),
          ),
        ),
        // Which kind of hosted zone the name lookup may pick: public ones (default) or private (VPC) ones.
        private_zone: z.optional(z.boolean()),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createRoute53Provider,
};
