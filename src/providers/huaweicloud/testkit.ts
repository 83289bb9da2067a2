import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeHuaweiCloud } from './fake.js';

const ACCESS_KEY = 'KITHUAWEIACCESSKEY01';
const SECRET_KEY = 'kit-huawei-secret-key_0123456789abcdef';

export const testKit: ProviderTestKit = {
  type: 'huaweicloud',
  transport: 'http',
  start: () => startFakeHuaweiCloud({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, zones: ['example.com'] }),
  providerLines: [`access_key = "${ACCESS_KEY}"`, `secret_key = "${SECRET_KEY}"`],
  recordName: 'home.example.com',
  secrets: [ACCESS_KEY, SECRET_KEY],
};
