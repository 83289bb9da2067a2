import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';

const printable = () => z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

export const luadnsMetadata: ProviderMetadata = {
  type: 'luadns',
  title: 'LuaDNS',
  credentialKeys: ['email', 'api_key'],
  secretKeys: ['api_key'],
  get configSchema() {
    return lazyProperty(this, 'configSchema', () =>
      z.strictObject({ email: printable(), api_key: printable() }));
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  load: async () => (await import('./index.js')).createLuadnsProvider,
};
