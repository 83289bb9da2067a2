import * as z from 'zod/mini';
import { accessKeyText as credential, lineText } from '../cloud-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';


export const volcengineMetadata: ProviderMetadata = {
  type: 'volcengine',
  title: 'Volcengine TrafficRoute DNS (火山引擎云解析)',
  credentialKeys: ['access_key_id', 'secret_access_key'],
  // The key id travels with every signature; people keep the pair together, so both are masked.
  secretKeys: ['access_key_id', 'secret_access_key'],
  // A signed request older than this is refused (InvalidTimestamp; the signing doc's 15-minute default validity).
  clockToleranceSeconds: 900,
  zonePageSize: 100,
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
        line: lineText,
      }));
  },
  load: async () => (await import('./index.js')).createVolcengineProvider,
};
