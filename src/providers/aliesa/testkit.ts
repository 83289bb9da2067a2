import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeEsa } from './fake.js';

const ACCESS_KEY_ID = 'LTAI5tKitAliesa0123456789';
const ACCESS_KEY_SECRET = 'kitAliesaSecret0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'aliesa',
  transport: 'http',
  start: () => startFakeEsa({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, zones: ['example.com'] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `access_key_secret = "${ACCESS_KEY_SECRET}"`],
  recordName: 'home.example.com',
  secrets: [ACCESS_KEY_SECRET],
};
