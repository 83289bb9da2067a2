import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';

const printable = () => z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

export const luadnsMetadata: ProviderMetadata = {
  type: 'luadns',
  title: 'LuaDNS',
  credentialKeys: ['email', 'api_key'],
  secretKeys: ['api_key'],
  configSchema: z.strictObject({ email: printable(), api_key: printable() }),
  recordSchema: z.strictObject({}),
  load: async () => (await import('./index.js')).createLuadnsProvider,
};
