import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

const credential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, quotes, line breaks or non-ASCII characters'));

export const todaynicMetadata: ProviderMetadata = {
  type: 'todaynic',
  title: 'TodayNIC (now.cn, Eranet, Tnet.hk)',
  credentialKeys: ['access_instance_id', 'access_key_secret'],
  secretKeys: ['access_key_secret'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_instance_id: credential,
        access_key_secret: credential,
        // Which brand's API host: now.cn (default), Eranet or Tnet.hk. `endpoint` overrides it.
        site: z.optional(z.enum(['nowcn', 'eranet', 'tnethk'])),
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createTodaynicProvider,
};
