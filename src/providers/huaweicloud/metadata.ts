import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { CLOCK_TOLERANCE_SECONDS, ZONES_PER_PAGE } from './limits.js';
import { lazyProperty } from '../lazy.js';

export { CLOCK_TOLERANCE_SECONDS, ZONES_PER_PAGE };

export const huaweicloudMetadata: ProviderMetadata = {
  type: 'huaweicloud',
  title: 'Huawei Cloud DNS',
  credentialKeys: ['access_key', 'secret_key'],
  // The access key ID is not a secret in itself, but it is half of the pair and users keep both
  // in the same place (environment, file): both accept `_env` / `_file`, and both are masked.
  secretKeys: ['access_key', 'secret_key'],
  clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  zonePageSize: ZONES_PER_PAGE,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_key: z.string().check(z.minLength(1, 'must not be empty')),
        secret_key: z.string().check(z.minLength(1, 'must not be empty')),
        /** Selects https://dns.<region>.myhuaweicloud.com instead of the global endpoint. */
        region: z.optional(
          z.string().check(z.regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be a Huawei Cloud region ID such as "cn-north-4" or "ap-southeast-1"')),
        ),
        /** Sent as X-Project-Id, for zones kept in a sub-project. */
        project_id: z.optional(
          z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a project ID (My Credentials > API Credentials), e.g. "0123456789abcdef0123456789abcdef"')),
        ),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createHuaweiCloudProvider,
};
