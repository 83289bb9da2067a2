import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeJdcloud } from './fake.js';

const ACCESS_KEY_ID = 'kitJdcloudAccessKey0123456789AB';
const SECRET_ACCESS_KEY = 'kitJdcloudSecret0123456789abcdefABCD';

export const testKit: ProviderTestKit = {
  type: 'jdcloud',
  transport: 'http',
  start: () => startFakeJdcloud({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, zones: ['example.com'] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `secret_access_key = "${SECRET_ACCESS_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_ACCESS_KEY],
};
