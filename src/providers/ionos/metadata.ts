import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

/** "<public prefix>.<secret>", as the IONOS developer console shows the key: printable ASCII, sent as a header. */
const apiKey = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

export const ionosMetadata: ProviderMetadata = {
  type: 'ionos',
  title: 'IONOS',
  credentialKeys: ['api_key'],
  secretKeys: ['api_key'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ api_key: apiKey }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createIonosProvider,
};
