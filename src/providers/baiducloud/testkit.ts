import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeBaiducloud } from './fake.js';

const ACCESS_KEY_ID = 'kitBaiduAccessKey0123456789abcdef';
const SECRET_ACCESS_KEY = 'kitBaiduSecret0123456789abcdefABCD';

export const testKit: ProviderTestKit = {
  type: 'baiducloud',
  transport: 'http',
  start: () => startFakeBaiducloud({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, zones: ['example.com'] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `secret_access_key = "${SECRET_ACCESS_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_ACCESS_KEY],
};
