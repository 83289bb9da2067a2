import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { printableCredential } from '../credential-schema.js';
import { lazyProperty } from '../lazy.js';

const printable = () => printableCredential;

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
