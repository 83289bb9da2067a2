import * as z from 'zod/mini';
import { accessKeyText as credential, lineText } from '../cloud-keys.js';
import type { ProviderMetadata } from '../types.js';
import { lazyProperty } from '../lazy.js';


export const baiducloudMetadata: ProviderMetadata = {
  type: 'baiducloud',
  title: 'Baidu AI Cloud DNS (百度智能云 DNS)',
  credentialKeys: ['access_key_id', 'secret_access_key'],
  // The key id travels with every signature; people keep the pair together, so both are masked.
  secretKeys: ['access_key_id', 'secret_access_key'],
  // ddns signs with an expiration of 1800 s: a request signed further off the server's clock is refused.
  clockToleranceSeconds: 1800,
  zonePageSize: 1000,
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
  load: async () => (await import('./index.js')).createBaiducloudProvider,
};
