import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeVolcengine } from './fake.js';

const ACCESS_KEY_ID = 'AKLTkitVolcengine0123456789';
const SECRET_ACCESS_KEY = 'kitVolcSecret/0123456789abcdefABCDEF==';

export const testKit: ProviderTestKit = {
  type: 'volcengine',
  transport: 'http',
  start: () => startFakeVolcengine({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, zones: ['example.com'] }),
  providerLines: [`access_key_id = "${ACCESS_KEY_ID}"`, `secret_access_key = "${SECRET_ACCESS_KEY}"`],
  recordName: 'home.example.com',
  secrets: [SECRET_ACCESS_KEY],
};
