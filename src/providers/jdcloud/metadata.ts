import * as z from 'zod/mini';
import { accessKeyText as credential } from '../cloud-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

export const jdcloudMetadata: ProviderMetadata = {
  type: 'jdcloud',
  title: 'JD Cloud DNS (京东云云解析)',
  credentialKeys: ['access_key_id', 'secret_access_key'],
  // The key id travels with every signature; people keep the pair together, so both are masked.
  secretKeys: ['access_key_id', 'secret_access_key'],
  // How far off JD Cloud lets a signing time be is not published; SigV4's five minutes is assumed.
  clockToleranceSeconds: 300,
  zonePageSize: 10,
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({
        access_key_id: credential,
        secret_access_key: credential,
      }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({
        // The line id (viewValue): -1 is every line; ISP lines have their own ids.
        line: z.optional(z.int().check(z.gte(-1))),
      }));
  },
  load: async () => (await import('./index.js')).createJdcloudProvider,
};
